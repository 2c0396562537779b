package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.runs.AuditEvent;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.runs.store.RunStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The second security pass's findings, each shown held: in the demo (no login), the worst case. */
@QuarkusTest
class SecondPassTest {

    @Inject
    EngineMetrics metrics;

    @Inject
    RunStore store;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    ReembedConfig config;

    /** {@code ?dryRun=1} once launched a real run: anything but true or false counted as false. */
    @Test
    void booleanParametersTakeTrueOrFalseOnly() {
        List<Map<String, Object>> keys = RunTestSupport.keysOfBotsWithKnowledge(1);
        int runs = runCount();
        long calls = metrics.runTaskCalls();
        for (String value : List.of("1", "yes", "on", "TRUE", "0")) {
            given().contentType("application/json").body(Map.of("bots", keys)).queryParam("dryRun", value).when()
                    .post("/api/runs").then().statusCode(400)
                    .body("error", containsString("dryRun must be true or false"));
        }
        given().queryParam("refresh", "1").when().get("/api/bots").then().statusCode(400)
                .body("error", containsString("refresh must be true or false"));
        given().contentType("application/json").body(Map.of("bots", keys)).queryParam("dryRun", "true").when()
                .post("/api/runs").then().statusCode(200);
        assertEquals(runs, runCount(), "no run was started");
        assertEquals(calls, metrics.runTaskCalls(), "no task was launched");
    }

    /** runTaskRate 0.000001 was accepted and wedged launching; 1e9 came in through a forged request. */
    @Test
    void limitsOutOfRangeAreRefusedOnEveryPath() {
        for (Map<String, Object> body : List.<Map<String, Object>>of(Map.of("runTaskRate", 0.000001),
                Map.of("runTaskRate", 1e9), Map.of("maxInFlight", 0), Map.of("maxInFlight", 10_001))) {
            given().contentType("application/json").body(body).when().patch("/api/engine/limits").then()
                    .statusCode(400).body("error", containsString("must be from"));
        }
        // A forged request in the runs table, as another copy would store it: refused and answered, not applied.
        Map<String, AttributeValue> forged = new HashMap<>();
        forged.put("PK", AttributeValue.fromS("REQUESTS"));
        forged.put("SK", AttributeValue.fromS(Instant.now().toEpochMilli() + "-forged"));
        forged.put("at", AttributeValue.fromS(Instant.now().toString()));
        forged.put("who", AttributeValue.fromS("mallory"));
        forged.put("command", AttributeValue.fromS("{\"action\":\"limits\",\"runTaskRate\":1e9}"));
        dynamo.putItem(b -> b.tableName(config.runs().tableName()).item(forged));
        // A malformed one (no "at", a field no command has), which used to log a stack trace every second and
        // block the rest, and one an older version stored: answered as unknown, never applied.
        Map<String, AttributeValue> malformed = new HashMap<>(forged);
        malformed.remove("at");
        malformed.put("SK", AttributeValue.fromS("0-malformed"));
        malformed.put("command", AttributeValue.fromS("{\"action\":\"limits\",\"maxInFlight\":3,\"sneaky\":1}"));
        dynamo.putItem(b -> b.tableName(config.runs().tableName()).item(malformed));
        Map<String, AttributeValue> older = new HashMap<>(forged);
        older.remove("command");
        older.put("SK", AttributeValue.fromS(Instant.now().toEpochMilli() + "-older"));
        older.put("action", AttributeValue.fromS("limits"));
        older.put("arguments", AttributeValue.fromM(Map.of("maxInFlight", AttributeValue.fromS("3"))));
        dynamo.putItem(b -> b.tableName(config.runs().tableName()).item(older));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.requests().stream()
                .noneMatch(r -> r.id().equals("0-malformed"))
                && store.findRequest(forged.get("SK").s()).map(r -> r.outcome() != null).orElse(true)
                && store.findRequest(older.get("SK").s()).map(r -> r.outcome() != null).orElse(true));
        store.findRequest(forged.get("SK").s()).ifPresent(answered -> assertTrue(
                answered.outcome().getOrDefault("refused", "").contains("runTaskRate must be from"), answered.toString()));
        store.findRequest(older.get("SK").s()).ifPresent(answered -> assertTrue(
                answered.outcome().getOrDefault("unknown", "").contains("cannot read"), answered.toString()));
        given().when().get("/api/engine/limits").then().statusCode(200)
                .body("runTaskRate", org.hamcrest.Matchers.lessThanOrEqualTo(200f))
                .body("maxInFlight", org.hamcrest.Matchers.not(3));
    }

    /** A trail of thousands of steering changes once made the run's item too big to store a cancel. */
    @Test
    void aRunSteeredThousandsOfTimesCanStillBeStored() {
        String id = "r20991231-000000-" + Long.toHexString(System.nanoTime()).substring(0, 6);
        List<AuditEvent> audit = new ArrayList<>();
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        for (int i = 0; i < 3_000; i++) {
            audit.add(new AuditEvent(at.plusSeconds(i), "operator@example.com", "limits",
                    "global limits: 20 RunTask calls/s, " + (i % 50 + 1) + " tasks in flight (was 50)"));
        }
        EcsLaunchSettings ecs = new EcsLaunchSettings("cluster", "family:1", "Container", List.of("subnet-1"),
                List.of("sg-1"), "DISABLED", "123456789012", "us-east-1");
        Run run = new Run(id, at, "operator@example.com", ecs, RunState.RUNNING, false, 0, List.copyOf(audit), null,
                "test", new RunTally(0, 0, 0, 0, 0, 0), Steering.DEFAULT);
        var engineView = store.forEngine();
        engineView.saveRun(run);
        Run cancelled = run.withAudit(new AuditEvent(at.plusSeconds(4_000), "operator@example.com", "cancel", "")).cancelling();
        engineView.saveRun(cancelled);
        Run read = store.findRun(id).orElseThrow();
        assertEquals(3_001, read.audit().size(), "every event kept, in order");
        assertEquals("cancel", read.audit().get(3_000).action());
        assertTrue(read.cancelRequested());
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(config.runs().tableName())
                .key(Map.of("PK", AttributeValue.fromS("RUNS"), "SK", AttributeValue.fromS(id)))).item();
        assertFalse(item.containsKey("audit"), "the run's own item holds no trail");
        assertTrue(item.toString().length() < 10_000, "the run's item stays small: " + item.toString().length());
    }

    private static int runCount() {
        return given().when().get("/api/runs").then().statusCode(200).extract().jsonPath().getList("runs").size();
    }
}
