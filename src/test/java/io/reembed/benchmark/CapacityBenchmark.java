package io.reembed.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.deployment.Deployment;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.preflight.Preflight;
import io.reembed.preflight.PreflightReport;
import io.reembed.runs.BotState;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.runs.engine.RunEngine;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;

/**
 * 200 bots into an account that runs 40 tasks at once: first as the engine did before preflight
 * (finding the capacity by refused RunTask calls and probing above it), then with the capacity
 * preflight works out from the Fargate vCPU quota. Measures RunTask calls per bot and the share of
 * the capacity in use (as ECS counts it, DescribeClusters) while bots wait. Run with
 * {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(FortyTaskAccount.class)
@Tag("benchmark")
class CapacityBenchmark {

    private static final int BOTS = 200;
    private static final int CAPACITY = 40;

    @Inject
    EcsEmulator emulator;

    @Inject
    EngineMetrics metrics;

    @Inject
    RunEngine engine;

    @Inject
    BotCatalog catalog;

    @Inject
    Deployment deployment;

    @Inject
    Preflight preflight;

    @Inject
    EcsClient ecs;

    private record Outcome(double callsPerBot, long capacityFailures, double busyShare, double seconds) {
    }

    @Test
    void fillsTheCapacityWithoutRefusedCalls() {
        List<Bot> bots = catalog.snapshot().bots().stream().filter(Bot::hasKnowledge).limit(BOTS).toList();
        assertEquals(BOTS, bots.size());

        // Before: nothing tells the engine the capacity (no preflight has run in this app).
        Outcome probing = measure(() -> engine.startRun(bots, deployment.settings().ecs(), "benchmark", "probing",
                "benchmark").run().id());

        PreflightReport report = preflight.checkAgain();
        assertEquals(CAPACITY, report.tasksAtOnce());
        List<Map<String, Object>> keys = bots.stream().map(bot -> Map.<String, Object>of("pk", bot.pk(), "sk", bot.sk()))
                .toList();
        Outcome known = measure(() -> given().contentType("application/json").body(Map.of("bots", keys)).when()
                .post("/api/runs").then().statusCode(201).extract().path("id"));

        new BenchmarkReport("capacity")
                .line("%d bots, an account that runs %d one-vCPU tasks at once (Fargate vCPU quota %d), max-in-flight 50",
                        BOTS, CAPACITY, CAPACITY)
                .line("probing (before): %.2f RunTask calls per bot, %d refused for capacity, %.0f %% of the capacity "
                        + "in use while bots waited, %.1f s", probing.callsPerBot, probing.capacityFailures,
                        probing.busyShare * 100, probing.seconds)
                .line("capacity from preflight: %.2f RunTask calls per bot, %d refused for capacity, %.0f %% of the "
                        + "capacity in use while bots waited, %.1f s", known.callsPerBot, known.capacityFailures,
                        known.busyShare * 100, known.seconds)
                .write();
        assertTrue(known.callsPerBot <= 1.05, "RunTask calls per bot: " + known.callsPerBot);
        assertTrue(known.busyShare >= 0.90, "capacity in use while bots wait: " + known.busyShare);
    }

    private Outcome measure(Supplier<String> launch) {
        long calls = emulator.runTaskCalls();
        long refused = metrics.capacityFailures();
        long[] busy = new long[2];
        long start = System.nanoTime();
        String id = launch.get();
        String cluster = deployment.settings().ecs().cluster();
        while (true) {
            RunSnapshot run = engine.snapshot(id).orElseThrow();
            if (!run.run().active()) {
                break;
            }
            if (run.count(BotState.QUEUED) + run.count(BotState.LAUNCHING) > 0) {
                Cluster state = ecs.describeClusters(b -> b.clusters(cluster)).clusters().get(0);
                busy[0] += state.runningTasksCount() + state.pendingTasksCount();
                busy[1] += CAPACITY;
            }
            sleep(100);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Outcome((emulator.runTaskCalls() - calls) / (double) BOTS, metrics.capacityFailures() - refused,
                busy[1] == 0 ? 0 : busy[0] / (double) busy[1], seconds);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
