package io.reembed.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The AWS clients that have no Quarkus extension here: plain SDK clients on our settings. ECS and
 * STS do not retry inside the SDK, each for its own reason below; CloudFormation and EC2 (read a
 * few times, for settings and preflight) keep the SDK's standard retries.
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

    @Produces
    @ApplicationScoped
    CloudFormationClient cloudFormationClient(AwsClientSettings settings, ReembedConfig config) {
        return settings.configure(CloudFormationClient.builder(), config.aws().endpoints().cloudformation()).build();
    }

    @Produces
    @ApplicationScoped
    Ec2Client ec2Client(AwsClientSettings settings, ReembedConfig config) {
        return settings.configure(Ec2Client.builder(), config.aws().endpoints().ec2()).build();
    }

    @Produces
    @ApplicationScoped
    CloudWatchLogsClient logsClient(AwsClientSettings settings, ReembedConfig config) {
        // Task logs are read at a pace of our own under the account's GetLogEvents quota, and a
        // throttled read is queued again by the reader, so the SDK must not resend it on its own.
        return withoutSdkRetries(settings.configure(CloudWatchLogsClient.builder(), config.aws().endpoints().logs())).build();
    }

    @Produces
    @ApplicationScoped
    EventBridgeClient eventBridgeClient(AwsClientSettings settings, ReembedConfig config) {
        // Run events: the notifier offers an event again on its own schedule, so the SDK does not.
        return withoutSdkRetries(settings.configure(EventBridgeClient.builder(), config.aws().endpoints().eventbridge()))
                .build();
    }

    void closeEventBridge(@Disposes EventBridgeClient client) {
        client.close();
    }

    void closeLogs(@Disposes CloudWatchLogsClient client) {
        client.close();
    }

    void closeCloudFormation(@Disposes CloudFormationClient client) {
        client.close();
    }

    void closeEc2(@Disposes Ec2Client client) {
        client.close();
    }

    void closeEcs(@Disposes EcsClient client) {
        client.close();
    }

    void closeSts(@Disposes StsClient client) {
        client.close();
    }

    private static <B extends AwsClientBuilder<B, ?>> B withoutSdkRetries(B builder) {
        // On top of what configure() set (the console's marker).
        return builder.overrideConfiguration(builder.overrideConfiguration().toBuilder()
                .retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    }
}
