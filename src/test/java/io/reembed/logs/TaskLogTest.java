package io.reembed.logs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.bots.BotCatalog;
import io.reembed.config.ReembedConfig;
import io.reembed.local.BotItems;
import io.reembed.local.DemoDataSet;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.local.logs.LogsEmulator;
import io.reembed.runs.RunTestSupport;
import io.reembed.testing.Json;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Task logs through the real SDK clients against the emulated CloudWatch Logs: the end of each
 * task's log kept with the run (success, embedding failure, killed container, cancelled task),
 * throttling absorbed without losing a tail, the live lines of a running task, and the reason a
 * failed bot's log gives when its own is empty.
 */
@QuarkusTest
class TaskLogTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    LogsEmulator logs;

    @Inject
    TaskLogKeeper keeper;

    @Inject
    LogTailStore tails;

    @Inject
    io.reembed.runs.engine.RunEngine engine;

    @Inject
    ReembedConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BotCatalog catalog;

    @BeforeEach
    void noLimits() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        logs.readRate(25);
    }

    @AfterEach
    void restore() {
        logs.readRate(config.ecsEmulator().logsReadRate());
    }

    @Test
    void keepsTheEndOfEachTasksLogWithTheRun() {
        List<Map<String, Object>> bots = RunTestSupport.botsWithKnowledge(bot -> true);
        Map<String, Object> failing = pick(DemoDataSet.FAILING_URL);
        Map<String, Object> killed = pick(DemoDataSet.OUT_OF_MEMORY_URL);
        Map<String, Object> fine = bots.stream().filter(bot -> !urls(bot).contains(DemoDataSet.FAILING_URL)
                && !urls(bot).contains(DemoDataSet.OUT_OF_MEMORY_URL)).findFirst().orElseThrow();
        String id = RunTestSupport.start(List.of(failing, killed, fine));
        JsonPath run = awaitTails(id, 3);

        List<String> succeeded = lines(run, fine);
        assertTrue(succeeded.get(0).startsWith("INFO:__main__:source_urls to crawl: ["), succeeded.toString());
        assertTrue(succeeded.get(succeeded.size() - 1).matches("INFO:__main__:Successfully inserted \\d+ records\\."),
                succeeded.toString());

        List<String> failed = lines(run, failing);
        assertEquals("ERROR:__main__:[ERROR] Failed to embed.", failed.get(failed.size() - 2));
        assertEquals("ERROR:__main__:Failed to load " + DemoDataSet.FAILING_URL + ": 404 Not Found", failed.get(failed.size() - 1));

        // Killed for memory: the stream stops where the container was killed, no final line.
        List<String> oom = lines(run, killed);
        assertTrue(oom.get(oom.size() - 1).startsWith("INFO:__main__:Number of chunks: "), oom.toString());

        // The bot's own log endpoint, with the stop code, stoppedReason and exit code, and console links.
        getLog(id, killed).statusCode(200).body("live", equalTo(false))
                .body("exitCode", equalTo(137)).body("stopCode", equalTo("EssentialContainerExited"))
                .body("stoppedReason", equalTo("Essential container in task exited"))
                .body("logConsoleUrl", containsString("#logsV2:log-groups/log-group/$252Fecs$252Fbedrock-chat-demo-embedding/log-events/embed-task$252FContainer$252F"))
                .body("ecsConsoleUrl", containsString("https://us-east-1.console.aws.amazon.com/ecs/v2/clusters/bedrock-chat-demo/tasks/"));

        // A bot not in the run, an unknown run, a forged ref: refused, no error page of the framework's.
        getLog(id, Map.of("pk", "nobody", "sk", "nobody#BOT#NONE")).statusCode(404)
                .body("error", containsString("has no bot with PK nobody"));
        getLog("r20000101-000000-nope", fine).statusCode(404);
        given().header("HX-Request", "true").when().get("/runs/" + id + "/bots/not-a-ref/log").then().statusCode(400)
                .body(containsString("That bot is not part of run"));
    }

    /** A read queued in memory when the copy stopped is made by the copy that drives runs next. */
    @Test
    void logsLeftToReadWhenTheEngineStoppedAreReadByTheNextStart() {
        Map<String, Object> fine = RunTestSupport.botsWithKnowledge(bot -> !urls(bot).contains(DemoDataSet.FAILING_URL)
                && !urls(bot).contains(DemoDataSet.OUT_OF_MEMORY_URL) && !urls(bot).contains("flaky")).get(2);
        String id = RunTestSupport.start(List.of(fine));
        List<String> before = lines(awaitTails(id, 1), fine);
        // As if the copy had stopped with the read still queued: the tail was never stored.
        dynamo.deleteItem(b -> b.tableName(config.runs().tableName()).key(Map.of(
                "PK", AttributeValue.fromS("LOG#" + id),
                "SK", AttributeValue.fromS(io.reembed.bots.BotRef.of(new io.reembed.bots.BotKey((String) fine.get("pk"),
                        (String) fine.get("sk"))) + "#0001"))));
        tails.forget(id);
        assertEquals(0, given().when().get("/api/runs/" + id).then().extract().jsonPath()
                .getList("bots.findAll { it.logTail != null }").size());

        engine.halt();
        engine.start();
        assertEquals(before, lines(awaitTails(id, 1), fine), "the same tail, read again by the new start");
    }

    @Test
    void aTaskStoppedBeforeItsContainerStartedGetsANoteNotAnErrorPage() {
        String id = RunTestSupport.startStuckRun(emulator, config);
        RunTestSupport.awaitRun(id, run -> Json.text(run, "/bots/0/taskArn") != null, 10_000);
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        JsonPath run = awaitTails(id, 1);
        assertTrue(String.valueOf(run.getString("bots[0].logNote")).startsWith("No log: the stream embed-task/Container/"),
                run.prettify());
        assertEquals(List.of(), run.getList("bots[0].logTail"));
        String ref = given().when().get("/runs/" + id).then().statusCode(200).extract().asString()
                .replaceAll("(?s).*href=\"/runs/" + id + "/bots/([A-Za-z0-9_.-]+)/log\".*", "$1");
        given().header("HX-Request", "true").when().get("/runs/" + id + "/bots/" + ref + "/log").then().statusCode(200)
                .body(containsString("No log: the stream")).body(containsString("stop code <code>UserInitiated</code>"));
    }

    @Test
    void throttledReadsAreQueuedAgainAndNoTailIsLost() {
        logs.readRate(4);
        long throttledBefore = keeper.throttled();
        List<Map<String, Object>> bots = RunTestSupport.botsWithKnowledge(bot -> !urls(bot).contains(DemoDataSet.OUT_OF_MEMORY_URL))
                .subList(0, 12);
        String id = RunTestSupport.start(bots);
        JsonPath run = awaitTails(id, 12);
        assertTrue(keeper.throttled() > throttledBefore, "the emulator's 4 reads per second throttled the keeper");
        for (int i = 0; i < 12; i++) {
            assertTrue(!run.getList("bots[" + i + "].logTail").isEmpty(), "a tail for every bot: " + run.get("bots[" + i + "]"));
        }
    }

    @Test
    void aRunningTasksLinesAreReadLiveAndItsReasonComesFromItsLogWhenTheScriptGaveNone() {
        String sk = "live-user#BOT#LIVE-SITEMAP";
        try {
            runsASitemapBotThatFailsWithoutAReason(sk);
        } finally {
            // The demo table is shared by every test class: leave it as it was.
            dynamo.deleteItem(b -> b.tableName(DemoModeConfigSourceFactory.DEMO_TABLE)
                    .key(Map.of("PK", AttributeValue.fromS("live-user"), "SK", AttributeValue.fromS(sk))));
            catalog.invalidate();
        }
    }

    private void runsASitemapBotThatFailsWithoutAReason(String sk) {
        dynamo.putItem(b -> b.tableName(DemoModeConfigSourceFactory.DEMO_TABLE).item(BotItems.bot("live-user", "LIVE-SITEMAP")
                .title("Sitemap bot").knowledge(List.of(), List.of("https://www.example.com/unsupported-sitemap.xml"),
                        List.of("a.pdf", "b.pdf", "c.pdf"))
                .syncStatus("SUCCEEDED", "").lastBotUsed(1_700_000_000_000L).build()));
        catalog.invalidate();
        // Slow enough to be seen running: about 2 s.
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).timeScale(0.15).build());
        Map<String, Object> bot = Map.of("pk", "live-user", "sk", sk);
        String id = RunTestSupport.start(List.of(bot));
        JsonPath live = Json.await("a live log", Duration.ofSeconds(20), Duration.ofMillis(200),
                () -> getLog(id, bot).statusCode(200).extract().asString(),
                json -> json.path("live").asBoolean() && json.path("lines").size() > 0);
        assertTrue(List.of("STARTING", "RUNNING").contains(live.getString("state")), live.prettify());
        assertTrue(live.getString("lines[0].text").startsWith("INFO:__main__:source_urls to crawl: []"));

        JsonPath run = awaitTails(id, 1);
        assertEquals("NotImplementedError", run.getString("bots[0].logError"));
        given().when().get("/runs/" + id).then().statusCode(200)
                .body(containsString("Its log ends with: <code>NotImplementedError</code>"));
        getLog(id, bot).body("live", equalTo(false))
                .body("lines[-1].text", equalTo("NotImplementedError"));
    }

    @Test
    void theLogsEmulatorAnswersTheSdkLikeCloudWatchLogs() {
        String id = RunTestSupport.start(List.of(pick(DemoDataSet.FAILING_URL)));
        JsonPath run = awaitTails(id, 1);
        String taskId = run.getString("bots[0].taskArn").replaceAll(".*/", "");
        try (var client = software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder()
                .endpointOverride(config.aws().endpoints().logs().orElseThrow())
                .region(software.amazon.awssdk.regions.Region.US_EAST_1)
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("demo", "demo")))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build()) {
            String group = "/ecs/bedrock-chat-demo-embedding";
            String stream = "embed-task/Container/" + taskId;
            var streams = client.describeLogStreams(b -> b.logGroupName(group).logStreamNamePrefix(stream)).logStreams();
            assertEquals(stream, streams.get(0).logStreamName());
            var head = client.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true).limit(2));
            assertEquals(2, head.events().size());
            var rest = client.getLogEvents(b -> b.logGroupName(group).logStreamName(stream).startFromHead(true)
                    .nextToken(head.nextForwardToken()));
            assertEquals("ERROR:__main__:Failed to load " + DemoDataSet.FAILING_URL + ": 404 Not Found",
                    rest.events().get(rest.events().size() - 1).message());
            var errors = client.filterLogEvents(b -> b.logGroupName(group).logStreamNames(stream).filterPattern("\"[ERROR]\""));
            assertEquals(1, errors.events().size());
            var missing = org.junit.jupiter.api.Assertions.assertThrows(
                    software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class,
                    () -> client.getLogEvents(b -> b.logGroupName(group).logStreamName("embed-task/Container/nope")));
            assertNotNull(missing.getMessage());
        }
    }

    private static JsonPath awaitTails(String id, int count) {
        return Json.await("tails of run " + id, Duration.ofSeconds(60), Duration.ofMillis(200),
                () -> given().when().get("/api/runs/" + id).then().statusCode(200).extract().asString(),
                run -> !"RUNNING".equals(Json.text(run, "/state"))
                        && Json.each(run, "/bots").filter(bot -> bot.hasNonNull("logTail")).count() == count);
    }

    private static List<String> lines(JsonPath run, Map<String, Object> bot) {
        return run.getList("bots.find { it.sk == '" + bot.get("sk") + "' }.logTail.text");
    }

    /** GET /api/runs/{id}/bots/{pk}/{sk}/log, the keys URL-encoded ("#" as %23) by REST Assured. */
    private static io.restassured.response.ValidatableResponse getLog(String id, Map<String, Object> bot) {
        return given().when().get("/api/runs/{id}/bots/{pk}/{sk}/log", id, bot.get("pk"), bot.get("sk")).then();
    }

    @SuppressWarnings("unchecked")
    private static List<String> urls(Map<String, Object> bot) {
        return bot.get("sourceUrls") instanceof List<?> list ? (List<String>) list : List.of();
    }

    private static Map<String, Object> pick(String url) {
        return given().queryParam("q", "").queryParam("hasKnowledge", "true").when().get("/api/bots").then().extract()
                .jsonPath().<Map<String, Object>>getList("bots").stream().filter(bot -> urls(bot).contains(url))
                .findFirst().orElseThrow(() -> new AssertionError("no demo bot with " + url));
    }
}
