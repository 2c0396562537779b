package io.reembed.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.sts.StsClient;

/** STS, to say which account and principal the console acts as. */
public class StsClientProducer {

    @Produces
    @ApplicationScoped
    StsClient stsClient(AwsClientSettings settings, ReembedConfig config) {
        // One call, asked again on its own schedule when it failed: a page must not wait for SDK retries.
        return settings.configure(StsClient.builder(), config.aws().endpoints().sts())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()))
                .build();
    }

    void close(@Disposes StsClient client) {
        client.close();
    }
}
