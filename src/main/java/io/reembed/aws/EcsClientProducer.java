package io.reembed.aws;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.services.ecs.EcsClient;

/** ECS has no Quarkus extension that resolves here: the plain SDK client, on our settings. */
public class EcsClientProducer {

    @Produces
    @ApplicationScoped
    EcsClient ecsClient(AwsClientSettings settings, ReembedConfig config) {
        return settings.configure(EcsClient.builder(), config.aws().endpoints().ecs()).build();
    }

    void close(@Disposes EcsClient client) {
        client.close();
    }
}
