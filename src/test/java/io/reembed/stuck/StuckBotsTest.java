package io.reembed.stuck;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.bots.BotCatalog;
import io.reembed.config.ReembedConfig;
import io.reembed.local.BotItems;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.runs.RunTestSupport;
import io.reembed.testing.Json;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import com.fasterxml.jackson.databind.JsonNode;

/** Stuck bots in the demo, found through the ECS emulator with the SDK's client: flagged, filtered, cleared. */
@QuarkusTest
class StuckBotsTest {

    private static final String USER = "stuck-user";
    private static final String SK = USER + "#BOT#STUCK-BOT";
    private static final String LOST_TASK = "0123456789abcdef0123456789abcdef";

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BotCatalog catalog;

    @Inject
    io.reembed.bots.StuckBots stuckBots;

    @Test
    void stuckBotsAreFlaggedWithTheirEvidenceAndReEmbeddingOneClearsItsBadge() {
        try {
            flagsFiltersAndClears();
        } finally {
            // The demo table is shared by every test class: leave it as it was.
            dynamo.deleteItem(b -> b.tableName(DemoModeConfigSourceFactory.DEMO_TABLE)
                    .key(Map.of("PK", AttributeValue.fromS(USER), "SK", AttributeValue.fromS(SK))));
            catalog.invalidate();
            RunTestSupport.withoutCapacityLimit(emulator, config);
        }
    }

    private void flagsFiltersAndClears() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        // Killed before it could write its result: RUNNING, for a task ECS has long forgotten.
        dynamo.putItem(b -> b.tableName(DemoModeConfigSourceFactory.DEMO_TABLE).item(BotItems.bot(USER, "STUCK-BOT")
                .title("Stuck bot").knowledge(List.of("https://docs.example.com/stuck"), List.of(), List.of())
                .syncStatus("RUNNING", "").lastExecId(LOST_TASK).lastBotUsed(1_700_000_000_000L).build()));
        catalog.invalidate();

        JsonPath stuck = awaitStuck(json -> Json.texts(json, "/bots", "/sk").anyMatch(SK::equals));
        assertEquals("ECS no longer knows its task " + LOST_TASK + " (stopped tasks are forgotten after about an hour): "
                + "SyncStatus still says RUNNING", stuck.getString("bots.find { it.sk == '" + SK + "' }.stuck"));
        assertEquals(1, stuckBots.report(catalog.snapshot()).describeCalls(),
                "one DescribeTasks for fewer than 100 RUNNING or QUEUED bots, none for the rest of the table");

        // Every RUNNING or QUEUED bot of the demo is stuck: none has a task ECS knows as running.
        List<Map<String, Object>> all = given().when().get("/api/bots").then().statusCode(200).extract().jsonPath()
                .getList("bots");
        List<Map<String, Object>> underWay = all.stream()
                .filter(bot -> "RUNNING".equals(bot.get("syncStatus")) || "QUEUED".equals(bot.get("syncStatus"))).toList();
        assertFalse(underWay.isEmpty());
        for (Map<String, Object> bot : underWay) {
            String evidence = (String) bot.get("stuck");
            assertNotNull(evidence, bot.toString());
            if (bot.get("lastExecId") == null) {
                assertTrue(evidence.contains("no task recorded (LastExecId empty)"), evidence);
            } else {
                assertTrue(evidence.contains("task " + bot.get("lastExecId")), evidence);
            }
        }
        assertEquals(underWay.size(), stuck.getInt("total"), "the filter selects the stuck ones, and only them");

        // The page: the badge with its evidence, the status filter and the preset.
        given().when().get("/bots?status=STUCK").then().statusCode(200)
                .body(containsString("<span class=\"badge stuck\""))
                .body(containsString("ECS no longer knows its task " + LOST_TASK))
                .body(containsString("<option value=\"STUCK\" selected>"))
                .body(containsString("id=\"stuck-count\">" + underWay.size() + "</strong>"));
        given().when().get("/bots").then().body(containsString("id=\"preset-stuck\" href=\"/bots?status=STUCK"));

        // Re-embedded, its task succeeds: the badge goes.
        String id = RunTestSupport.start(List.of(Map.of("pk", USER, "sk", SK)));
        JsonPath run = RunTestSupport.awaitEnd(id);
        assertEquals("SUCCEEDED", run.getString("bots[0].state"), run.prettify());
        JsonPath after = given().queryParam("status", "STUCK").when().get("/api/bots").then().statusCode(200)
                .extract().jsonPath();
        assertFalse(after.getList("bots.sk").contains(SK), after.prettify());
    }

    @Test
    void aCheckEcsRefusesShowsAsCouldNotCheckNotAsAnError() {
        try {
            // One DescribeTasks call, then throttled for good.
            emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0)
                    .describeRate(1, 0).build());
            JsonPath answer = awaitStuckProblem();
            assertTrue(answer.getString("stuckProblem").startsWith("could not check: DescribeTasks on "),
                    answer.getString("stuckProblem"));
            given().when().get("/bots").then().statusCode(200).body(containsString("class=\"could-not-check\""));
        } finally {
            RunTestSupport.withoutCapacityLimit(emulator, config);
            catalog.invalidate();
        }
    }

    private static JsonPath awaitStuck(java.util.function.Predicate<JsonNode> condition) {
        return Json.await("stuck bots checked", Duration.ofSeconds(20), Duration.ofMillis(200),
                () -> given().queryParam("status", "STUCK").when().get("/api/bots").then().statusCode(200).extract().asString(),
                json -> Json.text(json, "/stuckCheckedAt") != null && condition.test(json));
    }

    /** Reads the table again at each look, so that each look asks for a new check. */
    private JsonPath awaitStuckProblem() {
        return Json.await("the stuck check's problem", Duration.ofSeconds(20), Duration.ofMillis(200), () -> {
            catalog.invalidate();
            return given().when().get("/api/bots").then().statusCode(200).extract().asString();
        }, json -> Json.text(json, "/stuckProblem") != null);
    }
}
