package io.reembed.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

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
import io.reembed.runs.engine.EcsTasks;
import io.reembed.testing.Json;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * The cancel checks of issue 23 on a starved CPU, twelve threads spinning on the two cores (load
 * about 14) from the launch on: 300 bots launched at ECS's 20 RunTask a second and cancelled 4 s in,
 * and 2,000 bots cancelled with about 900 tasks in flight. Counted from what the emulated ECS knows:
 * tasks created after the cancel was answered (none may be), the answer's time (under 2 s), and
 * every task in flight stopped. Run with {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(TwoThousandBots.class)
@Tag("benchmark")
class CancelUnderLoadBenchmark {

    private static final int SPINNERS = 12;

    @Inject
    EcsEmulator emulator;

    /** The engine's own ListTasks, paginated over running and stopped tasks. */
    @Inject
    EcsTasks tasksOfRuns;

    /** DescribeTasks through the SDK: the engine's port does not carry a task's creation time. */
    @Inject
    EcsClient ecs;

    @Inject
    ReembedConfig config;

    @Inject
    Clock clock;

    @Test
    void threeHundredBotsCancelledFourSecondsIn() throws Exception {
        cancelUnderLoad(300, "4 s in", id -> Thread.sleep(4_000));
    }

    @Test
    void twoThousandBotsCancelledWithNineHundredInFlight() throws Exception {
        cancelUnderLoad(2000, "with 900 or more tasks in flight", id -> Json.await("900 tasks of " + id + " in flight",
                Duration.ofMinutes(3), Duration.ofMillis(250),
                () -> given().when().get("/api/runs/" + id).then().statusCode(200).extract().asString(),
                run -> run.at("/counts/STARTING").asInt() + run.at("/counts/RUNNING").asInt() >= 900));
    }

    private interface CancelPoint {
        void await(String runId) throws Exception;
    }

    private void cancelUnderLoad(int bots, String when, CancelPoint cancelPoint) throws Exception {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()));
        List<Map<String, Object>> keys = RunTestSupport.keysOfBotsWithKnowledge(bots);
        assertEquals(bots, keys.size(), "bots with knowledge in the seeded demo");
        String id = given().contentType("application/json").body(Map.of("bots", keys)).when().post("/api/runs")
                .then().statusCode(201).extract().path("id");
        AtomicBoolean spinning = new AtomicBoolean(true);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < SPINNERS; i++) {
            Thread spinner = new Thread(() -> {
                long x = 0;
                while (spinning.get()) {
                    x += System.nanoTime() % 7;
                }
                if (x == 42) {
                    System.out.print("");
                }
            }, "load-" + i);
            spinner.setDaemon(true);
            spinner.start();
            spinners.add(spinner);
        }
        try {
            cancelPoint.await(id);
            long asked = System.nanoTime();
            given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
            Instant answeredAt = clock.instant();
            double answered = (System.nanoTime() - asked) / 1e9;
            Json.await("run " + id + " cancelled", Duration.ofMinutes(3), Duration.ofMillis(500),
                    () -> given().when().get("/api/runs/" + id).then().statusCode(200).extract().asString(),
                    run -> "CANCELLED".equals(Json.text(run, "/state")));
            String cluster = config.ecsEmulator().cluster();
            Awaitility.await("every task of " + id + " stopped").atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(1)).until(() -> tasks(cluster, id).stream()
                            .allMatch(task -> "STOPPED".equals(task.lastStatus())));
            List<Task> tasks = tasks(cluster, id);
            long after = tasks.stream().filter(task -> task.createdAt().isAfter(answeredAt)).count();
            new BenchmarkReport("cancel-under-load-" + bots)
                    .line("%d bots, RunTask at 20/s, cancelled %s with %d threads spinning on %d cores",
                            bots, when, SPINNERS, Runtime.getRuntime().availableProcessors())
                    .line("cancel answered in %.2f s; %d tasks started before the answer, %d after it; all %d STOPPED",
                            answered, tasks.size() - after, after, tasks.size())
                    .write();
            assertEquals(0, after, "tasks created after the cancel was answered");
            assertTrue(answered < 2.0, "answered within 2 s on the starved CPU: " + answered);
            assertTrue(tasks.size() > 0 && tasks.size() < bots, "launching had begun and not ended: " + tasks.size());
        } finally {
            spinning.set(false);
            for (Thread spinner : spinners) {
                spinner.join();
            }
        }
    }

    /** Every task ECS knows that the run started, running or stopped, as ECS describes it (with its creation time). */
    private List<Task> tasks(String cluster, String runId) {
        List<String> arns = tasksOfRuns.listTasksStartedBy(cluster, runId);
        List<Task> tasks = new ArrayList<>();
        for (int from = 0; from < arns.size(); from += 100) {
            List<String> batch = arns.subList(from, Math.min(arns.size(), from + 100));
            tasks.addAll(ecs.describeTasks(b -> b.cluster(cluster).tasks(batch)).tasks());
        }
        return tasks;
    }
}
