package io.reembed.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.aws.AwsClientSettings;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.local.notify.LocalNotifications;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.engine.EngineMetrics;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.EcsException;

/**
 * Time to launch 500 bots against the emulator with the real quotas (RunTask 20/s, launch bucket
 * 100 at 20/s, DescribeTasks bucket 50 at 20/s), against the 25 s floor (500 / 20 per second) and
 * against the reference script's loop. Run with {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(FiveHundredBots.class)
@Tag("benchmark")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunLaunchBenchmark {

    private static final int BOTS = 500;
    private static final double RUN_TASK_QUOTA = 20.0;

    @Inject
    EcsEmulator emulator;

    @Inject
    EngineMetrics metrics;

    @Inject
    ReembedConfig config;

    @Inject
    Deployment deployment;

    @Inject
    AwsClientSettings aws;

    @Inject
    LocalNotifications notifications;

    private static final List<String> CHANNELS = List.of("eventbridge", "sns", "webhook");

    @Test
    @Order(1)
    void launchesFiveHundredBots() {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()));
        List<Map<String, Object>> keys = RunTestSupport.keysOfBotsWithKnowledge(BOTS);
        long callsBefore = metrics.runTaskCalls();
        long throttledBefore = metrics.runTaskThrottled();
        Launch launch = launch(keys);

        long pollsBefore = metrics.polls();
        while (metrics.polls() < pollsBefore + 2) {
            sleep(100);
        }
        int describePerPoll = metrics.lastPollDescribeCalls();
        int tasksPerPoll = metrics.lastPollTasks();
        given().contentType("application/json").when().post("/api/runs/" + launch.id + "/cancel").then().statusCode(200);

        Reference reference = referenceScript(keys);
        new BenchmarkReport("run-launch")
                .line("%d bots launched in %.1f s; floor %.1f s (%d bots / %.0f RunTask per second): %.2f x the floor",
                        BOTS, launch.seconds, floor(), BOTS, RUN_TASK_QUOTA, launch.seconds / floor())
                .line("RunTask calls: %d (%d throttled by ECS)", metrics.runTaskCalls() - callsBefore,
                        metrics.runTaskThrottled() - throttledBefore)
                .line("DescribeTasks per poll: %d calls for %d tasks in flight (batches of 100), one poller",
                        describePerPoll, tasksPerPoll)
                .line("reference loop (RunTask per bot, no pacing, SDK default retries, no client token): "
                        + "%d of %d launched in %.1f s (the script stops at the first error the retries do not absorb); "
                        + "%d RunTask calls reached ECS, %d of them throttled", reference.launched, BOTS, reference.seconds,
                        reference.calls, reference.calls - reference.launched)
                .write();
        assertEquals(tasksPerPoll == 0 ? 0 : (tasksPerPoll + 99) / 100, describePerPoll);
    }

    /**
     * The same launch while every notification channel throttles, then fails with 500s, then recovers:
     * launching is as fast (each channel has its own thread), and the run's start reaches every channel
     * once the faults clear.
     */
    @Test
    @Order(2)
    void launchesAsFastWhileEveryNotificationChannelFails() {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()));
        sleep(1_500);
        List<Map<String, Object>> keys = RunTestSupport.keysOfBotsWithKnowledge(BOTS);
        for (String channel : CHANNELS) {
            notifications.failNext(channel, 429, 429, 500, 500, 500, 503);
        }
        Launch launch = launch(keys);
        long clearedAfter = System.nanoTime();
        given().contentType("application/json").when().post("/api/runs/" + launch.id + "/cancel").then().statusCode(200);
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> CHANNELS.stream().allMatch(channel ->
                notifications.received(channel).stream().filter(message -> (launch.id + ".0").equals(message.eventId()))
                        .count() == 1));
        double deliveredAfter = (System.nanoTime() - clearedAfter) / 1e9;
        new BenchmarkReport("run-launch-failing-notifications")
                .line("%d bots launched in %.1f s while EventBridge, SNS and the webhook each answered 429, 429, 500, 500, "
                        + "500, 503: %.2f x the floor (see run-launch for the same without faults)", BOTS, launch.seconds,
                        launch.seconds / floor())
                .line("the run's start reached each channel once, %.1f s after the last launch (doubling waits from 1 s)",
                        deliveredAfter)
                .write();
    }

    private record Launch(String id, double seconds) {
    }

    /** POST /api/runs to the last bot launched, each bot with its own task. */
    private Launch launch(List<Map<String, Object>> keys) {
        // The other method's run, cancelled, holds its bots until its tasks are stopped.
        Awaitility.await().atMost(Duration.ofMinutes(3)).until(() -> given().when().get("/api/runs").then().extract()
                .jsonPath().<String>getList("runs.state").stream().noneMatch(state -> state.equals("RUNNING")
                        || state.equals("PAUSED")));
        long start = System.nanoTime();
        String id = given().contentType("application/json").body(Map.of("bots", keys)).when().post("/api/runs")
                .then().statusCode(201).extract().path("id");
        JsonPath run = null;
        long launchedAt = 0;
        while (launchedAt == 0 && System.nanoTime() - start < 120_000_000_000L) {
            run = given().when().get("/api/runs/" + id).then().extract().jsonPath();
            if (run.getInt("counts.QUEUED") + run.getInt("counts.LAUNCHING") == 0) {
                launchedAt = System.nanoTime();
            } else {
                sleep(50);
            }
        }
        assertTrue(launchedAt > 0, "all bots launched within two minutes");
        long tasks = run.getList("bots.taskArn").stream().filter(arn -> arn != null).distinct().count();
        assertEquals(BOTS, tasks, "one task per bot");
        return new Launch(id, (launchedAt - start) / 1e9);
    }

    private static double floor() {
        return BOTS / RUN_TASK_QUOTA;
    }

    private record Reference(int launched, double seconds, long calls) {
    }

    /** migrate.py's loop: one RunTask after another, as fast as the SDK goes, until one call fails. */
    private Reference referenceScript(List<Map<String, Object>> keys) {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()));
        sleep(1_500);
        var ecs = deployment.settings().ecs();
        int launched = 0;
        long start = System.nanoTime();
        try (EcsClient client = aws.configure(EcsClient.builder(), config.aws().endpoints().ecs()).build()) {
            for (Map<String, Object> key : keys) {
                String json = "{\"PK\": {\"S\": \"" + key.get("pk") + "\"}, \"SK\": {\"S\": \"" + key.get("sk") + "\"}}";
                try {
                    client.runTask(b -> b.cluster(ecs.cluster()).taskDefinition(ecs.taskDefinition())
                            .launchType("FARGATE")
                            .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(ecs.subnets())
                                    .securityGroups(ecs.securityGroups()).assignPublicIp("ENABLED")))
                            .overrides(o -> o.containerOverrides(c -> c.name("Container")
                                    .command("-u", "embedding/main.py", json))));
                    launched++;
                } catch (EcsException e) {
                    break;
                }
            }
        }
        return new Reference(launched, (System.nanoTime() - start) / 1e9, emulator.runTaskCalls());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
