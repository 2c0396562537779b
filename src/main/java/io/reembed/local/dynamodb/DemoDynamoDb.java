package io.reembed.local.dynamodb;

import java.net.URI;
import java.time.Clock;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.ShutdownEvent;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.DemoAccount;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** The demo's DynamoDB: one emulator, kept in the demo's data directory when one is set. */
@ApplicationScoped
public class DemoDynamoDb {

    private final ReembedConfig config;
    private final ObjectMapper json;
    private final Clock clock;
    private DynamoDbEmulator emulator;

    public DemoDynamoDb(ReembedConfig config, ObjectMapper json, Clock clock) {
        this.config = config;
        this.json = json;
        this.clock = clock;
    }

    public synchronized DynamoDbEmulator emulator() {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            throw new IllegalStateException("The DynamoDB emulator runs in demo mode only");
        }
        if (emulator == null) {
            emulator = new DynamoDbEmulator(json, DemoModeConfigSourceFactory.DEMO_REGION, DemoAccount.ACCOUNT,
                    config.demo().dataDir().map(dir -> dir.resolve("dynamodb")), clock);
        }
        return emulator;
    }

    /** An SDK client that reaches the emulator without HTTP: for seeding before the server listens. */
    public DynamoDbClient inProcessClient() {
        return inProcessClient(emulator());
    }

    public static DynamoDbClient inProcessClient(DynamoDbEmulator emulator) {
        return DynamoDbClient.builder().httpClient(new InProcessHttpClient(emulator))
                .endpointOverride(URI.create("http://in-process.invalid")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("demo", "demo")))
                .build();
    }

    /** Last of all, after the run engine has given its lease up through the emulator. */
    synchronized void stop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER + 1000) ShutdownEvent event) {
        if (emulator != null) {
            emulator.close();
        }
    }
}
