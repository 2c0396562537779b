package io.reembed.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;

/** ECS has no Quarkus extension that resolves here: the plain SDK client, on our settings. */
public class EcsClientProducer {

    @Produces
    @ApplicationScoped
    EcsClient ecsClient(AwsClientSettings settings, ReembedConfig config) {
        // No SDK retries: the run engine paces every ECS call under its quota and backs off on
        // ThrottlingException itself (RunTask with the same client token, StopTask a few times,
        // DescribeTasks at the next poll). Retries inside the SDK would hide throttling from it
        // and send calls beyond the pace it keeps.
        return settings.configure(EcsClient.builder(), config.aws().endpoints().ecs())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    void close(@Disposes EcsClient client) {
        client.close();
    }
}
