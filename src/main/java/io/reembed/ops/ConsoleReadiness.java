package io.reembed.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import io.reembed.aws.AwsErrors;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.deployment.DeploymentSettings;
import io.reembed.runs.engine.RunEngine;
import software.amazon.awssdk.core.exception.SdkException;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Ready to serve when DynamoDB answers (the runs table is described, at most every 10 s), the run
 * engine runs or stands by for the copy that drives runs, and the stack settings are resolved; each
 * says why not in a word or an AWS error code. The management port needs no login, so nothing here
 * names an account, an ARN, a table or a stack: the whole text goes to the log.
 */
@Readiness
public class ConsoleReadiness implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ConsoleReadiness.class);
    private static final Duration DYNAMODB_KEPT = Duration.ofSeconds(10);

    private final DynamoDbClient dynamo;
    private final RunEngine engine;
    private final Deployment deployment;
    private final String runsTable;
    private final Clock clock;
    private volatile String dynamoProblem;
    private volatile Instant dynamoCheckedAt = Instant.MIN;

    public ConsoleReadiness(DynamoDbClient dynamo, RunEngine engine, Deployment deployment, ReembedConfig config,
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
        Optional<String> standby = engine.standbyFor();
        boolean failed = engine.startFailure().isPresent();
        boolean engineReady = !failed && (standby.isPresent() || engine.lastCycle().isPresent());
        String engineState = failed ? "could not start (see the log)"
                : standby.map(holder -> "standby; runs driven by " + holder)
                        .orElse(engine.lastCycle().isPresent() ? "running" : "not running");
        DeploymentSettings settings = deployment.settings();
        boolean up = dynamoDb == null && engineReady && settings.complete();
        return HealthCheckResponse.named("re-embed console").status(up)
                .withData("dynamodb", dynamoDb == null ? "reachable" : dynamoDb)
                .withData("runEngine", engineState)
                .withData("stackSettings", settings.complete() ? "resolved" : "unresolved (see the log and Settings)")
                .build();
    }

    private String dynamoProblem() {
        Instant now = clock.instant();
        if (Duration.between(dynamoCheckedAt, now).compareTo(DYNAMODB_KEPT) >= 0) {
            try {
                dynamo.describeTable(b -> b.tableName(runsTable));
                dynamoProblem = null;
            } catch (SdkException e) {
                String problem = "unreachable (" + AwsErrors.code(e) + ")";
                if (!problem.equals(dynamoProblem)) {
                    LOG.warnf("Readiness: DynamoDB table %s %s: %s", runsTable, problem, AwsErrors.describe(e));
                }
                dynamoProblem = problem;
            }
            dynamoCheckedAt = now;
        }
        return dynamoProblem;
    }
}
