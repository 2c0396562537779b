package io.reembed.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.reembed.aws.AwsErrors;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.deployment.DeploymentSettings;
import io.reembed.runs.engine.RunEngine;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ready to serve when DynamoDB answers (the runs table is described, at most every 10 s), the run
 * engine runs, and the stack settings are resolved; each says why not.
 */
@Readiness
public class ConsoleReadiness implements HealthCheck {

    private static final Duration DYNAMODB_KEPT = Duration.ofSeconds(10);

    private final DynamoDbClient dynamo;
    private final RunEngine engine;
    private final Deployment deployment;
    private final String runsTable;
    private final Clock clock;
    private volatile String dynamoProblem;
    private volatile Instant dynamoCheckedAt = Instant.MIN;

    ConsoleReadiness(DynamoDbClient dynamo, RunEngine engine, Deployment deployment, ReembedConfig config,
            Clock clock) {
        this.dynamo = dynamo;
        this.engine = engine;
        this.deployment = deployment;
        this.runsTable = config.runs().tableName();
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        String dynamoDb = dynamoProblem();
        String engineProblem = engine.startFailure().orElse(engine.lastCycle().isEmpty() ? "not running" : null);
        DeploymentSettings settings = deployment.settings();
        boolean up = dynamoDb == null && engineProblem == null && settings.complete();
        return HealthCheckResponse.named("re-embed console").status(up)
                .withData("dynamodb", dynamoDb == null ? "reachable (table " + runsTable + ")" : dynamoDb)
                .withData("runEngine", engineProblem == null ? "running" : engineProblem)
                .withData("stackSettings", settings.complete() ? "resolved" : settings.problem())
                .build();
    }

    private String dynamoProblem() {
        Instant now = clock.instant();
        if (Duration.between(dynamoCheckedAt, now).compareTo(DYNAMODB_KEPT) >= 0) {
            try {
                dynamo.describeTable(b -> b.tableName(runsTable));
                dynamoProblem = null;
            } catch (SdkException e) {
                dynamoProblem = "unreachable: " + AwsErrors.describe(e);
            }
            dynamoCheckedAt = now;
        }
        return dynamoProblem;
    }
}
