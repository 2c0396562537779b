package io.reembed.runs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.notify.LocalNotifications;
import io.reembed.testing.Json;
import io.restassured.path.json.JsonPath;

/**
 * A spending cap below a run's estimate pauses it at the cap, as the failure brake would, says so to
 * every notification channel, and holds until the cap is raised.
 */
@QuarkusTest
class SpendingCapTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Inject
    LocalNotifications received;

    @Test
    void aRunPausesAtItsCapAndGoesOnOnceTheCapIsRaised() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        List<Map<String, Object>> bots = RunTestSupport.botsWithKnowledge(bot -> true).subList(0, 10);
        // A run before it: what a task of this emulator really costs (its tasks are far shorter than Fargate's).
        String before = RunTestSupport.startWithoutBrake(RunTestSupport.botsWithKnowledge(bot -> true).subList(10, 14));
        RunTestSupport.awaitEnd(before);
        JsonPath actual = given().when().get("/api/runs/" + before + "/estimate").then().statusCode(200).extract().jsonPath();
        double realTask = actual.getDouble("actual.fargateCostUsd") / actual.getInt("actual.tasks");
        List<Map<String, Object>> keys = bots.stream().map(bot -> Map.<String, Object>of("pk", bot.get("pk"), "sk", bot.get("sk")))
                .toList();
        JsonPath estimate = given().contentType("application/json").body(Map.of("bots", keys)).queryParam("dryRun", "true")
                .when().post("/api/runs").then().statusCode(200).extract().jsonPath();
        double taskCost = estimate.getDouble("fargateCostUsd") / estimate.getInt("tasks");
        // One task at a time, each launched only while what was spent plus its expected cost fits: about four tasks.
        double cap = taskCost + 3 * realTask;
        String id = given().contentType("application/json").body(Map.of("bots", keys, "brake", Map.of("after", 0),
                "maxInFlight", 1, "costCapUsd", cap)).when().post("/api/runs").then().statusCode(201).extract().path("id");

        // Paused, and its tasks in flight ended: they finish, nothing new starts.
        List<String> settled = List.of("QUEUED", "SUCCEEDED", "FAILED", "CANCELLED", "SKIPPED");
        JsonPath paused = RunTestSupport.awaitRun(id, run -> "PAUSED".equals(Json.text(run, "/state"))
                && Json.texts(run, "/bots", "/state").allMatch(settled::contains), 60_000);
        assertTrue(paused.getString("steering.pausedBecause").startsWith("spending cap $"), paused.getString("steering.pausedBecause"));
        // Past the cap by one task at most, however long that task ran (longer on a loaded machine than its estimate).
        JsonPath figures = given().when().get("/api/runs/" + id + "/estimate").then().statusCode(200).extract().jsonPath();
        double spent = figures.getDouble("actual.fargateCostUsd");
        double perTaskSecond = spent / figures.getDouble("actual.taskSeconds");
        double longestTask = given().when().get("/api/runs/" + id + "/report.json").then().statusCode(200).extract()
                .jsonPath().<Number>getList("bots.durationSeconds").stream().filter(java.util.Objects::nonNull)
                .mapToDouble(Number::doubleValue).max().orElse(0) * perTaskSecond;
        assertTrue(spent <= cap + Math.max(taskCost, longestTask) * 1.000001, "spent " + spent + " with a cap of " + cap
                + " (a task: " + taskCost + " expected, " + longestTask + " the longest)");
        assertTrue(paused.<String>getList("bots.state").contains("QUEUED"), "bots wait for a higher cap: "
                + paused.getList("bots.state"));

        // Going on without a higher cap would only pause again: refused, and the page says what to do.
        given().contentType("application/json").when().post("/api/runs/" + id + "/resume").then().statusCode(409)
                .body("error", containsString("raise the cap first"));
        // A cap that is no amount of money changes nothing.
        given().contentType("application/json").body(Map.of("costCapUsd", -1)).when().patch("/api/runs/" + id)
                .then().statusCode(400).body("error", containsString("above 0"));
        given().contentType("application/json").body("{\"costCapUsd\": \"ten\"}").when().patch("/api/runs/" + id)
                .then().statusCode(400);
        given().contentType("application/json").when().post("/api/runs/" + id + "/resume").then().statusCode(409);
        given().contentType("application/json").body(Map.of("costCapUsd", 100 * cap)).when().patch("/api/runs/" + id)
                .then().statusCode(200).body("steering.costCapUsd", org.hamcrest.Matchers.notNullValue());
        given().contentType("application/json").when().post("/api/runs/" + id + "/resume").then().statusCode(200);
        assertEquals("FINISHED", RunTestSupport.awaitEnd(id).getString("state"));

        // The pause went out as an event on every channel.
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> List.of("eventbridge", "sns", "webhook").stream()
                .allMatch(channel -> received.received(channel).stream().anyMatch(message -> message.eventId() != null
                        && message.eventId().startsWith(id + ".") && message.body().contains("spending cap"))));
        JsonPath events = given().when().get("/api/runs/" + id + "/events").then().statusCode(200).extract().jsonPath();
        assertTrue(events.getList("events.event.type").contains("capped"), events.prettify());
    }
}
