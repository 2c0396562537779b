package io.reembed.runs;

import static io.reembed.runs.RunTestSupport.awaitEnd;
import static io.reembed.runs.RunTestSupport.awaitRun;
import static io.reembed.runs.RunTestSupport.botsWithKnowledge;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.local.DemoDataSet;
import io.reembed.local.DemoTable;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.runs.engine.RunEngine;
import io.reembed.runs.store.RunStore;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import io.reembed.deployment.EcsLaunchSettings;

/**
 * Whole runs against the DynamoDB emulator and the ECS emulator with its faults on, through the real
 * clients and threads. Each case of the state machine has a fast test of its own in
 * {@code RunCoordinatorTest}; these prove the parts fit.
 */
@QuarkusTest
class RunEngineTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    RunEngine engine;

    @Inject
    RunStore store;

    @Inject
    EngineMetrics metrics;

    @Inject
    EcsClient ecs;

    @Inject
    ReembedConfig config;

    @Inject
    Deployment deployment;

    @Inject
    DynamoDbClient dynamo;

    EmulatorSettings defaults;

    @BeforeEach
    void realisticEmulator() {
        defaults = EmulatorSettings.from(config.ecsEmulator());
        emulator.reset(defaults);
        engine.start();
    }

    @AfterEach
    void engineRunning() {
        engine.start();
    }

    @Test
    void completesARunThroughThrottlingCapacityMissingAndFailures() {
        // 20 RunTask/s at ECS while the engine asks for more; 3 tasks at most as preflight reads the quota, then 2 once
        // launching began (another team's task took one); MISSING for a while after launch.
        emulator.reset(defaults.toBuilder().runTaskRate(20).maxConcurrentTasks(3)
                .missingWindow(Duration.ofMillis(300)).build());
        List<Map<String, Object>> bots = botsWithKnowledge(bot -> true);
        long capacityBefore = metrics.capacityFailures();

        String id = RunTestSupport.startWithoutBrake(bots);
        emulator.changeCapacity(2);
        JsonPath run = awaitEnd(id);

        assertEquals("FINISHED", run.getString("state"));
        List<Map<String, Object>> results = run.getList("bots");
        assertEquals(bots.size(), results.size(), "no bot dropped");
        for (Map<String, Object> bot : results) {
            assertTrue(Set.of("SUCCEEDED", "FAILED").contains(bot.get("state")), bot.toString());
        }
        assertEquals(bots.size(), run.getInt("counts.SUCCEEDED") + run.getInt("counts.FAILED"));
        assertTrue(results.stream().anyMatch(bot -> String.valueOf(bot.get("reason")).contains(DemoDataSet.FAILING_URL)
                && "content".equals(bot.get("failureKind"))), "a content failure is reported as such");
        assertTrue(results.stream().anyMatch(bot -> String.valueOf(bot.get("reason")).contains("killed (exit code 137)")),
                "the killed container is reported, not taken for a success");
        assertTrue(metrics.capacityFailures() > capacityBefore, "capacity failures were met: " + metrics.capacityFailures()
                + " calls " + metrics.runTaskCalls() + " throttled " + metrics.runTaskThrottled() + " " + run.prettify());
        assertExactlyOneTaskPerBot(id, results);
    }

    @Test
    void resumesAfterACrashBetweenRunTaskAndRecordingItsTask() {
        engine.halt();
        List<Map<String, Object>> bots = botsWithKnowledge(bot -> !String.valueOf(bot.get("title")).isEmpty()).subList(0, 3);
        Instant now = Instant.now();
        String runId = "r20000101-000000-crash" + System.nanoTime() % 1000;
        EcsLaunchSettings ecsSettings = deployment.settings().ecs();
        RunBot launched = launching(bots.get(0), runId, now);
        RunBot notCalled = launching(bots.get(1), runId, now);
        RunBot queued = RunBot.queued((String) bots.get(2).get("pk"), (String) bots.get(2).get("sk"),
                (String) bots.get(2).get("botId"), "c", now);
        store.saveBots(runId, List.of(launched, notCalled, queued));
        Run crashed = new Run(runId, now, "test", ecsSettings, RunState.RUNNING, false, 3, List.of(), null, "test",
                RunTally.NONE, Steering.DEFAULT);
        store.saveRun(crashed);
        // The crashed process had called RunTask for the first bot, but died before storing the task.
        String arnBeforeCrash = startAsTheCrashedProcessDid(crashed, launched);

        engine.start();
        JsonPath run = awaitEnd(runId);

        List<Map<String, Object>> results = run.getList("bots");
        assertEquals(3, results.size());
        assertEquals(arnBeforeCrash, results.stream().filter(bot -> bot.get("sk").equals(launched.sk())).findFirst()
                .orElseThrow().get("taskArn"), "the task started before the crash is the bot's task");
        assertExactlyOneTaskPerBot(runId, results);
    }

    @Test
    void aCancelAfterACrashStopsTheTaskThatWasNeverRecorded() {
        engine.halt();
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).stuckFraction(1.0).build());
        Map<String, Object> bot = botsWithKnowledge(b -> true).get(1);
        Instant now = Instant.now();
        String runId = "r20000101-000001-orphan" + System.nanoTime() % 1000;
        EcsLaunchSettings ecsSettings = deployment.settings().ecs();
        RunBot launching = launching(bot, runId, now);
        store.saveBots(runId, List.of(launching));
        // The crash came after RunTask and after the cancel was asked for, before either was recorded.
        Run crashed = new Run(runId, now, "test", ecsSettings, RunState.RUNNING, true, 1, List.of(), null, "test",
                RunTally.NONE, Steering.DEFAULT);
        store.saveRun(crashed);
        String orphan = startAsTheCrashedProcessDid(crashed, launching);

        engine.start();
        JsonPath run = awaitEnd(runId);

        assertEquals("CANCELLED", run.getString("state"));
        assertTrue(run.getString("bots[0].reason").contains("1 unrecorded task(s) were stopped"),
                run.getString("bots[0].reason"));
        assertEquals(List.of(orphan), ecs.listTasks(b -> b.cluster(ecsSettings.cluster()).startedBy(runId)
                .desiredStatus(DesiredStatus.STOPPED)).taskArns(), "the unrecorded task was found and stopped");
    }

    @Test
    void aKillMidLaunchLosesNoBotAndStartsNoSecondTask() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).build());
        List<Map<String, Object>> bots = botsWithKnowledge(bot -> true);
        String id = RunTestSupport.startWithoutBrake(bots);
        awaitRun(id, run -> run.at("/counts/STARTING").asInt() + run.at("/counts/RUNNING").asInt() > 3, 20_000);

        engine.halt();
        engine.start();
        JsonPath run = awaitEnd(id);

        assertEquals(bots.size(), run.getList("bots").size());
        assertExactlyOneTaskPerBot(id, run.getList("bots"));
    }

    @Test
    void cancelStopsTheTasksInFlightAndLaunchesNothingMore() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).stuckFraction(1.0).build());
        List<Map<String, Object>> bots = botsWithKnowledge(bot -> true).subList(0, 6);
        String id = RunTestSupport.startWithoutBrake(bots);
        awaitRun(id, run -> run.at("/counts/STARTING").asInt() == bots.size(), 20_000);

        long answeredIn = System.nanoTime();
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200)
                .body("cancelRequested", org.hamcrest.Matchers.is(true)).body("state", org.hamcrest.Matchers.is("RUNNING"));
        assertTrue(System.nanoTime() - answeredIn < 1_000_000_000L, "a cancel answers at once");
        JsonPath run = awaitEnd(id);

        assertEquals("CANCELLED", run.getString("state"));
        assertEquals(bots.size(), run.getInt("counts.CANCELLED"));
        assertTrue(run.getString("audit.action").contains("cancelled"));
        List<String> stopped = ecs.listTasks(b -> b.cluster(deployment.settings().ecs().cluster()).startedBy(id)
                .desiredStatus(DesiredStatus.STOPPED)).taskArns();
        assertEquals(bots.size(), stopped.size(), "StopTask for every task in flight");
        assertTrue(run.<String>getList("bots.lastStatus").stream().allMatch("STOPPED"::equals),
                "each stopped task was tracked until ECS said STOPPED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void retriesOneBotOrTheFailedOnesAsNewAttempts() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).build());
        DemoTable table = new DemoTable(dynamo, DemoModeConfigSourceFactory.DEMO_TABLE);
        Set<String> failingSks = new HashSet<>();
        table.bots(item -> DemoTable.urls(item).contains(DemoDataSet.FAILING_URL)).forEach(item -> failingSks.add(item.get("SK").s()));
        Map<String, Object> failing = botsWithKnowledge(bot -> failingSks.contains(bot.get("sk"))).get(0);
        Map<String, Object> healthy = botsWithKnowledge(bot -> !failingSks.contains(bot.get("sk"))
                && !"RUNNING".equals(bot.get("syncStatus"))).get(0);
        String id = RunTestSupport.startWithoutBrake(List.of(failing, healthy));
        JsonPath first = awaitEnd(id);
        assertEquals(1, first.getInt("counts.FAILED"));
        String healthyArn = bot(first, healthy).get("taskArn").toString();

        given().contentType("application/json").body(Map.of("bot", Map.of("pk", healthy.get("pk"), "sk", healthy.get("sk"))))
                .when().post("/api/runs/" + id + "/retry").then().statusCode(200).body("queued", org.hamcrest.Matchers.is(1));
        JsonPath second = awaitEnd(id);
        assertEquals(2, bot(second, healthy).get("attempts"));
        assertEquals("SUCCEEDED", bot(second, healthy).get("state"));
        assertNotEquals(healthyArn, bot(second, healthy).get("taskArn"));
        List<Map<String, Object>> earlier = (List<Map<String, Object>>) bot(second, healthy).get("earlierAttempts");
        assertEquals(1, earlier.size(), "the first attempt is kept, not overwritten");
        assertEquals(healthyArn, earlier.get(0).get("taskArn"));
        assertEquals("SUCCEEDED", earlier.get(0).get("state"));

        given().contentType("application/json").when().post("/api/runs/" + id + "/retry").then().statusCode(200).body("queued", org.hamcrest.Matchers.is(1));
        JsonPath third = awaitEnd(id);
        assertEquals("finished, 1 failed", third.getString("outcome"), "a run with a failure is not a plain FINISHED");
        assertEquals(2, bot(third, failing).get("attempts"));
        assertEquals("FAILED", bot(third, failing).get("state"), "a content failure fails again");
        assertEquals(List.of("started", "ended", "retried", "ended", "retried", "ended"), third.getList("audit.action"));
        assertExactlyOneTaskPerBot(id, third.getList("bots"));
    }

    private static Map<String, Object> bot(JsonPath run, Map<String, Object> wanted) {
        return run.<Map<String, Object>>getList("bots").stream().filter(bot -> bot.get("sk").equals(wanted.get("sk")))
                .findFirst().orElseThrow();
    }

    /** RunTask exactly as the launcher sends it, with the bot's stored client token. */
    private String startAsTheCrashedProcessDid(Run run, RunBot bot) {
        return ecs.runTask(io.reembed.runs.ecs.EcsAnswers.request(new io.reembed.runs.engine.TaskLaunch(run.ecs(), run.id(),
                bot.botId(), bot.pk(), bot.sk(), bot.clientToken()))).tasks().get(0).taskArn();
    }

    private RunBot launching(Map<String, Object> bot, String runId, Instant now) {
        RunBot queued = RunBot.queued((String) bot.get("pk"), (String) bot.get("sk"), (String) bot.get("botId"), "t", now);
        return queued.launching(ClientTokens.of(runId, queued, 1));
    }

    /** ECS's own record: every task the run started, once per bot and attempt. */
    private void assertExactlyOneTaskPerBot(String runId, List<Map<String, Object>> bots) {
        String cluster = deployment.settings().ecs().cluster();
        Set<String> tasks = new HashSet<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            ecs.listTasksPaginator(b -> b.cluster(cluster).startedBy(runId).desiredStatus(status))
                    .taskArns().forEach(tasks::add);
        }
        int attempts = bots.stream().mapToInt(bot -> (Integer) bot.get("attempts")).sum();
        long launchedBots = bots.stream().filter(bot -> bot.get("taskArn") != null).count();
        assertEquals(attempts, tasks.size(), "one task per bot per attempt");
        assertEquals(launchedBots, bots.stream().map(bot -> bot.get("taskArn")).filter(arn -> arn != null).distinct().count());
        for (Map<String, Object> bot : bots) {
            if (bot.get("taskArn") != null) {
                assertTrue(tasks.contains((String) bot.get("taskArn")), "the recorded task is one ECS started");
            }
        }
    }
}
