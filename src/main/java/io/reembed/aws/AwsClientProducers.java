package io.reembed.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients that have no Quarkus extension here (ECS, STS): plain SDK clients on our
 * settings. Neither retries inside the SDK, each for its own reason below.
 */
public class AwsClientProducers {

    @Produces
    @ApplicationScoped
    EcsClient ecsClient(AwsClientSettings settings, ReembedConfig config) {
        // The run engine paces every ECS call under its quota and backs off on ThrottlingException
        // itself (RunTask with the same client token, StopTask a few times, DescribeTasks at the next
        // poll). Retries inside the SDK would hide throttling from it and send calls beyond its pace.
        return withoutSdkRetries(settings.configure(EcsClient.builder(), config.aws().endpoints().ecs())).build();
    }

    @Produces
    @ApplicationScoped
    StsClient stsClient(AwsClientSettings settings, ReembedConfig config) {
        // One call a page may wait for, asked again on its own schedule when it failed.
        return withoutSdkRetries(settings.configure(StsClient.builder(), config.aws().endpoints().sts())).build();
    }

    void closeEcs(@Disposes EcsClient client) {
        client.close();
    }

    void closeSts(@Disposes StsClient client) {
        client.close();
    }

    private static <B extends AwsClientBuilder<B, ?>> B withoutSdkRetries(B builder) {
        return builder.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()));
    }
}
