package io.reembed.runs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoDataSet;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.testing.Json;
import io.reembed.web.BrowserSession;
import io.restassured.path.json.JsonPath;

/** Steering runs through the API and the pages: pause, resume, a run's share of tasks in flight, the failure brake. */
@QuarkusTest
class RunSteeringTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @BeforeEach
    void noCapacityLimit() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    @Test
    void pausesResumesAndTakesAShareThroughTheApi() {
        String id = RunTestSupport.startStuckRun(emulator, config);
        given().contentType("application/json").when().post("/api/runs/" + id + "/pause").then().statusCode(200)
                .body("state", equalTo("PAUSED")).body("outcome", equalTo("paused"))
                .body("steering.pausedBecause", startsWith("paused by "));
        given().contentType("application/json").when().post("/api/runs/" + id + "/pause").then().statusCode(200)
                .body("state", equalTo("PAUSED"));
        given().when().get("/runs/" + id).then().statusCode(200).body(containsString("id=\"paused-note\""))
                .body(containsString("id=\"resume-run\""));
        given().contentType("application/json").when().post("/api/runs/" + id + "/resume").then().statusCode(200)
                .body("state", equalTo("RUNNING"));

        given().contentType("application/json").body(Map.of("maxInFlight", 5)).when().patch("/api/runs/" + id).then()
                .statusCode(200).body("steering.maxInFlight", equalTo(5));
        given().contentType("application/json").body(Map.of("maxInFlight", 0)).when().patch("/api/runs/" + id).then()
                .statusCode(400).body("error", containsString("maxInFlight must be from 1 to 10000"));
        given().contentType("application/json").body(Map.of("maxInFlite", 3)).when().patch("/api/runs/" + id).then()
                .statusCode(400).body("error", containsString("Unknown key \"maxInFlite\""));
        given().contentType("application/json").body("{\"maxInFlight\": \"many\"}").when().patch("/api/runs/" + id)
                .then().statusCode(400);
        JsonPath run = given().when().get("/api/runs/" + id).then().extract().jsonPath();
        List<String> actions = run.getList("audit.action");
        org.junit.jupiter.api.Assertions.assertTrue(actions.containsAll(List.of("paused", "resumed", "concurrency")),
                actions.toString());

        // The run page's form: a number, with its anti-CSRF token; anything else changes nothing.
        BrowserSession browser = BrowserSession.open();
        browser.form().formParam("maxInFlight", "7").redirects().follow(false).when().post("/runs/" + id + "/steer")
                .then().statusCode(303);
        browser.form().formParam("maxInFlight", "seven").when().post("/runs/" + id + "/steer").then().statusCode(400)
                .body(containsString("maxInFlight must be a whole number"));
        given().formParam("maxInFlight", "2").when().post("/runs/" + id + "/steer").then().statusCode(403);
        given().when().get("/api/runs/" + id).then().body("steering.maxInFlight", equalTo(7));
        given().when().get("/runs/nope/pause").then().statusCode(404);

        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        RunTestSupport.awaitEnd(id);
        given().contentType("application/json").when().post("/api/runs/" + id + "/pause").then().statusCode(409);
        given().contentType("application/json").when().post("/api/runs/nope/pause").then().statusCode(404);
    }

    @Test
    void theFailureBrakePausesARunOfFailingBotsAndThePageSaysWhy() {
        // Two tasks at a time, so that bots still wait when the failing ones (first in the selection) have ended.
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(2).build());
        List<Map<String, Object>> chosen = new ArrayList<>(RunTestSupport.botsWithKnowledge(
                bot -> bot.get("sourceUrls").toString().contains(DemoDataSet.FAILING_URL)));
        chosen.addAll(RunTestSupport.botsWithKnowledge(bot -> !bot.get("sourceUrls").toString().contains("example.com/fail")
                && !bot.get("sourceUrls").toString().contains("out-of-memory")).subList(0, 8));
        List<Map<String, Object>> keys = chosen.stream().map(bot -> Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList();
        String id = given().contentType("application/json")
                .body(Map.of("bots", keys, "brake", Map.of("after", 3, "percent", 20))).when().post("/api/runs")
                .then().statusCode(201).extract().path("id");
        JsonPath braked = RunTestSupport.awaitRun(id, json -> "PAUSED".equals(Json.text(json, "/state")), 30_000);
        org.junit.jupiter.api.Assertions.assertTrue(braked.getString("steering.pausedBecause").startsWith("failure brake: "),
                braked.prettify());
        given().when().get("/runs/" + id).then().statusCode(200).body(containsString("failure brake: "))
                .body(containsString("× Embedding failed: Failed to load " + DemoDataSet.FAILING_URL));

        // Resumed from the page (a confirmed form with its anti-CSRF token), the run goes on to its end.
        BrowserSession browser = BrowserSession.open();
        given().when().get("/runs/" + id + "/resume").then().statusCode(200).body(containsString("confirm-resume"));
        browser.form().redirects().follow(false).when().post("/runs/" + id + "/resume").then().statusCode(303);
        RunTestSupport.withoutCapacityLimit(emulator, config);
        // The brake pauses it again only when more bots fail than when it tripped: resume until it ends.
        JsonPath ended = RunTestSupport.awaitEnd(id);
        for (int i = 0; i < 4 && "PAUSED".equals(ended.getString("state")); i++) {
            var resumed = given().contentType("application/json").when().post("/api/runs/" + id + "/resume");
            if (resumed.statusCode() != 200) {
                // Paused with tasks in flight, it ends when they do and no bot is left: then a resume is refused.
                resumed.then().statusCode(409).body("error", containsString("has already ended; nothing was resumed"));
            }
            ended = RunTestSupport.awaitEnd(id);
        }
        org.junit.jupiter.api.Assertions.assertEquals("FINISHED", ended.getString("state"));
        org.junit.jupiter.api.Assertions.assertEquals(ended.getList("bots").size(), ended.getInt("tally.succeeded") + ended.getInt("tally.failed"),
                "every bot ended, none lost");
    }

    @Test
    void aBrakeOutOfRangeIsRefusedAndNothingIsLaunched() {
        given().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", true),
                "brake", Map.of("after", 3, "percent", 120))).when().post("/api/runs").then().statusCode(400)
                .body("error", containsString("percentage from 0 to 100"));
        given().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", true),
                "brake", Map.of("after", 3, "percnt", 20))).when().post("/api/runs").then().statusCode(400)
                .body("error", containsString("Unknown key \"percnt\""));
    }

    @Test
    void aTaskThatFailsToStartIsRetriedAutomaticallyAndAContentFailureIsNot() {
        List<Map<String, Object>> flaky = RunTestSupport.botsWithKnowledge(
                bot -> bot.get("sourceUrls").toString().contains(DemoDataSet.FLAKY_START_URL));
        List<Map<String, Object>> failing = RunTestSupport.botsWithKnowledge(
                bot -> bot.get("sourceUrls").toString().contains(DemoDataSet.FAILING_URL)).subList(0, 1);
        List<Map<String, Object>> chosen = new ArrayList<>(flaky);
        chosen.addAll(failing);
        org.junit.jupiter.api.Assertions.assertEquals(1, flaky.size(), "the demo has one bot whose first task fails to start");
        String id = RunTestSupport.startWithoutBrake(chosen);

        JsonPath run = RunTestSupport.awaitEnd(id);

        org.junit.jupiter.api.Assertions.assertEquals("FINISHED", run.getString("state"), run.prettify());
        String flakyPath = "bots.find { it.sk == '" + flaky.get(0).get("sk") + "' }";
        org.junit.jupiter.api.Assertions.assertEquals("SUCCEEDED", run.getString(flakyPath + ".state"), run.prettify());
        org.junit.jupiter.api.Assertions.assertEquals(2, run.getInt(flakyPath + ".attempts"));
        org.junit.jupiter.api.Assertions.assertEquals("start", run.getString(flakyPath + ".earlierAttempts[0].failureKind"));
        org.junit.jupiter.api.Assertions.assertEquals("TaskFailedToStart", run.getString(flakyPath + ".earlierAttempts[0].stopCode"));
        org.junit.jupiter.api.Assertions.assertEquals("automatic retry", run.getString(flakyPath + ".earlierAttempts[0].retriedBy"));
        org.junit.jupiter.api.Assertions.assertNotEquals(run.getString(flakyPath + ".earlierAttempts[0].taskArn"),
                run.getString(flakyPath + ".taskArn"), "a new task for the new attempt");
        String failingPath = "bots.find { it.sk == '" + failing.get(0).get("sk") + "' }";
        org.junit.jupiter.api.Assertions.assertEquals("FAILED", run.getString(failingPath + ".state"));
        org.junit.jupiter.api.Assertions.assertEquals(1, run.getInt(failingPath + ".attempts"), "content is not retried");
        org.junit.jupiter.api.Assertions.assertEquals("content", run.getString(failingPath + ".failureKind"));
        org.junit.jupiter.api.Assertions.assertTrue(run.getString(failingPath + ".notRetriedBecause")
                .startsWith("not retried automatically: content: would fail again"));

        // The page groups the failures by kind, and offers to retry all of that kind.
        given().when().get("/runs/" + id).then().statusCode(200).body(containsString("id=\"failure-kinds\""))
                .body(containsString("id=\"retry-kind-content\""));
        given().when().get("/runs/" + id + "/retry?kind=content").then().statusCode(200)
                .body(containsString("Retry the 1 bot of this kind"));
        given().when().get("/runs/" + id + "/retry?kind=sideways").then().statusCode(400)
                .body(containsString("Unknown failure kind"));
        given().contentType("application/json").body(Map.of("kind", "start")).when().post("/api/runs/" + id + "/retry")
                .then().statusCode(409).body("error", containsString("no bot of the run failed as start"));
        given().contentType("application/json").body(Map.of("kind", "content", "bots", List.of())).when()
                .post("/api/runs/" + id + "/retry").then().statusCode(400).body("error", containsString("not both"));
        BrowserSession browser = BrowserSession.open();
        browser.form().formParam("kind", "content").redirects().follow(false).when().post("/runs/" + id + "/retry")
                .then().statusCode(303);
        JsonPath again = RunTestSupport.awaitEnd(id);
        org.junit.jupiter.api.Assertions.assertEquals(2, again.getInt(failingPath + ".attempts"));
        org.junit.jupiter.api.Assertions.assertEquals(2, again.getInt(flakyPath + ".attempts"), "only the kind asked for");
    }

    @Test
    void theLimitsOverAllRunsChangeWhileARunGoesOn() {
        String id = RunTestSupport.startStuckRun(emulator, config);
        try {
            given().when().get("/api/engine/limits").then().statusCode(200).body("changedBy", equalTo(null));
            given().contentType("application/json").body(Map.of("runTaskRate", 10, "maxInFlight", 120)).when()
                    .patch("/api/engine/limits").then().statusCode(200).body("runTaskRate", equalTo(10.0f))
                    .body("maxInFlight", equalTo(120)).body("changedBy", equalTo("admin@localhost (demo)"));
            given().contentType("application/json").body(Map.of("runTaskRate", 25)).when().patch("/api/engine/limits")
                    .then().statusCode(400).body("error", containsString("runTaskRate must be from 0.1 to 20"));
            given().contentType("application/json").body(Map.of("maxInFlight", "lots")).when()
                    .patch("/api/engine/limits").then().statusCode(400);
            given().contentType("application/json").body(Map.of("maxInFlite", 3)).when().patch("/api/engine/limits")
                    .then().statusCode(400).body("error", containsString("Unknown key \"maxInFlite\""));
            given().contentType("application/json").body(Map.of()).when().patch("/api/engine/limits").then()
                    .statusCode(400).body("error", containsString("nothing was changed"));

            BrowserSession browser = BrowserSession.open();
            browser.form().formParam("runTaskRate", "12.5").formParam("maxInFlight", "90").redirects().follow(false)
                    .when().post("/runs/" + id + "/limits").then().statusCode(303);
            browser.form().formParam("runTaskRate", "fast").when().post("/runs/" + id + "/limits").then()
                    .statusCode(400).body(containsString("runTaskRate must be a number"));
            given().formParam("maxInFlight", "2").when().post("/runs/" + id + "/limits").then().statusCode(403);
            given().when().get("/api/engine/limits").then().body("runTaskRate", equalTo(12.5f))
                    .body("maxInFlight", equalTo(90));
            given().when().get("/runs/" + id).then().body(containsString("id=\"limits-origin\">set by admin@localhost (demo)"));
            List<String> actions = given().when().get("/api/runs/" + id).then().extract().jsonPath().getList("audit.action");
            org.junit.jupiter.api.Assertions.assertEquals(2, actions.stream().filter("global limits"::equals).count(),
                    actions.toString());
        } finally {
            given().contentType("application/json").when().delete("/api/engine/limits").then().statusCode(200).body("changedBy", equalTo(null))
                    .body("maxInFlight", equalTo(config.runs().maxInFlight()));
            given().contentType("application/json").when().post("/api/runs/" + id + "/cancel");
            RunTestSupport.awaitEnd(id);
        }
    }
}
