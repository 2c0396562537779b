package io.reembed.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.engine.EngineMetrics;
import io.restassured.path.json.JsonPath;

/**
 * Cancelling a run with 1,000 tasks in flight: how long the cancel takes to answer, and how long
 * until every task is stopped, against the floor of 1,000 StopTask calls at ECS's 20 per second.
 * Run with {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(ThousandTasksInFlight.class)
@Tag("benchmark")
class CancelBenchmark {

    private static final int TASKS = 1000;
    private static final double STOP_TASK_QUOTA = 20.0;

    @Inject
    EcsEmulator emulator;

    @Inject
    EngineMetrics metrics;

    @Inject
    ReembedConfig config;

    @Test
    void cancelsAThousandTasksInFlight() {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()));
        List<Map<String, Object>> keys = RunTestSupport.keysOfBotsWithKnowledge(TASKS);
        String id = given().contentType("application/json").body(Map.of("bots", keys)).when().post("/api/runs")
                .then().statusCode(201).extract().path("id");
        Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> run(id).getInt("counts.STARTING") == TASKS);
        long stopsBefore = metrics.stopTaskCalls();
        long throttledBefore = metrics.stopTaskThrottled();

        long start = System.nanoTime();
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        double answered = (System.nanoTime() - start) / 1e9;
        Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200))
                .until(() -> "CANCELLED".equals(run(id).getString("state")));
        double ended = (System.nanoTime() - start) / 1e9;
        JsonPath run = run(id);

        double floor = TASKS / STOP_TASK_QUOTA;
        new BenchmarkReport("cancel")
                .line("cancel of a run with %d tasks in flight answered in %.3f s", TASKS, answered)
                .line("all %d stopped and tracked to STOPPED in %.1f s; floor %.1f s (%d StopTask / %.0f per second): "
                        + "%.2f x the floor", run.getInt("counts.CANCELLED"), ended, floor, TASKS, STOP_TASK_QUOTA,
                        ended / floor)
                .line("StopTask calls: %d (%d throttled by ECS)", metrics.stopTaskCalls() - stopsBefore,
                        metrics.stopTaskThrottled() - throttledBefore)
                .write();
        assertTrue(answered < 1.0, "a cancel answers within a second: " + answered);
        assertEquals(TASKS, run.getInt("counts.CANCELLED"));
        assertEquals(0, metrics.stopTaskThrottled() - throttledBefore, "StopTask paced under its quota");
    }

    private static JsonPath run(String id) {
        return given().when().get("/api/runs/" + id).then().statusCode(200).extract().jsonPath();
    }
}
