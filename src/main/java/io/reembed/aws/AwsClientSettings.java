package io.reembed.aws;

import java.net.URI;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * Region, credentials and endpoint for the AWS clients we build ourselves (those without a
 * Quarkus extension), so that they follow the same settings as the DynamoDB extension.
 */
@ApplicationScoped
public class AwsClientSettings {

    private final ReembedConfig config;

    public AwsClientSettings(ReembedConfig config) {
        this.config = config;
    }

    public boolean demo() {
        return config.mode() == ReembedConfig.Mode.DEMO;
    }

    /** The configured region, else the SDK's default region chain; empty when neither gives one. */
    public Optional<Region> region() {
        if (config.aws().region().isPresent()) {
            return config.aws().region().map(Region::of);
        }
        try {
            return Optional.of(DefaultAwsRegionProviderChain.builder().build().getRegion());
        } catch (SdkClientException e) {
            return Optional.empty();
        }
    }

    /** The region for pages, logs and the audit trail, saying so when none is set. */
    public String regionLabel() {
        return region().map(Region::id).orElse("not set (the SDK's default chain found none)");
    }

    public AwsCredentialsProvider credentials() {
        if (demo()) {
            String key = config.demo().accessKey();
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(key, key));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** Applies region, credentials, HTTP client and an optional endpoint override to a client builder. */
    public <B extends AwsClientBuilder<B, ?>> B configure(B builder, Optional<URI> endpoint) {
        region().ifPresent(builder::region);
        endpoint.ifPresent(builder::endpointOverride);
        builder.credentialsProvider(credentials());
        builder.overrideConfiguration(o -> o.addExecutionInterceptor(new ConsoleClient()));
        if (builder instanceof software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<?, ?> sync) {
            sync.httpClient(UrlConnectionHttpClient.create());
        }
        return builder;
    }
}
