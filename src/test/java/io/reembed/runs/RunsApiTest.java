package io.reembed.runs;

import static io.reembed.runs.RunTestSupport.awaitEnd;
import static io.reembed.runs.RunTestSupport.botsWithKnowledge;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoDataSet;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.runs.engine.EngineMetrics;

/** The JSON API, its happy path and every bad input: each answered 4xx, none launching anything. */
@QuarkusTest
class RunsApiTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    EngineMetrics metrics;

    @Inject
    ReembedConfig config;

    @BeforeEach
    void noCapacityLimit() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    @Test
    void listsBotsWithThePageFilters() {
        given().when().get("/api/bots").then().statusCode(200)
                .body("total", equalTo(60))
                .body("bots[0]", hasKey("pk")).body("bots[0]", hasKey("sk")).body("bots[0]", hasKey("botId"))
                .body("bots[0]", hasKey("title")).body("bots[0]", hasKey("hasKnowledge"))
                .body("bots[0]", hasKey("syncStatus"));
        given().queryParam("hasKnowledge", "true").when().get("/api/bots").then().statusCode(200)
                .body("bots.sourceUrls.flatten()", org.hamcrest.Matchers.hasItem(DemoDataSet.FAILING_URL));
        given().queryParam("hasKnowledge", "false").when().get("/api/bots").then().statusCode(200)
                .body("bots.hasKnowledge", everyItem(is(false)));
        given().queryParam("q", "księgowości").when().get("/api/bots").then().body("total", equalTo(1));
        given().queryParam("status", "FAILED").when().get("/api/bots").then()
                .body("bots.syncStatus", everyItem(equalTo("FAILED")));
        given().queryParam("status", "FAILD").when().get("/api/bots").then().statusCode(400)
                .body("error", startsWith("Unknown SyncStatus \"FAILD\"; accepted: QUEUED, RUNNING"));
        given().queryParam("hasKnowledge", "yes").when().get("/api/bots").then().statusCode(400)
                .body("error", containsString("accepted: true, false"));
    }

    @Test
    void startsARunAndReportsIt() {
        List<Map<String, Object>> bots = botsWithKnowledge(bot -> true).subList(0, 3);
        List<Map<String, Object>> keys = bots.stream().map(bot -> Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList();

        String location = given().contentType("application/json").body(Map.of("bots", keys)).when().post("/api/runs")
                .then().statusCode(201).header("Location", containsString("/api/runs/r"))
                .body("id", startsWith("r")).body("queued", equalTo(3)).extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        awaitEnd(id);
        given().when().get("/api/runs/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("state", equalTo("FINISHED"))
                .body("counts.SUCCEEDED", equalTo(3)).body("bots.size()", equalTo(3))
                .body("bots[0]", hasKey("attempts")).body("bots[0].taskArn", notNullValue())
                .body("bots[0].earlierAttempts", org.hamcrest.Matchers.empty())
                .body("audit[0].who", equalTo("admin@localhost (demo)"))
                .body("audit[0].detail", equalTo("3 bots; account 123456789012 as arn:aws:iam::123456789012:user/demo-operator, "
                        + "region us-east-1; failure brake pauses once more than 20 % of at least 10 finished bots failed"))
                .body("outcome", equalTo("finished, all succeeded")).body("tally.succeeded", equalTo(3))
                .body("selection", equalTo("3 selected bots")).body("finishedAt", notNullValue());
        given().when().get("/api/runs").then().statusCode(200).body("runs.id", org.hamcrest.Matchers.hasItem(id))
                .body("runs.find { it.id == '" + id + "' }.outcome", equalTo("finished, all succeeded"));
    }

    @Test
    void startsARunFromAFilterLeavingOutBotsWithoutKnowledge() {
        String id = given().contentType("application/json")
                .body(Map.of("filter", Map.of("q", "księgowości"), "includeWithoutKnowledge", false))
                .when().post("/api/runs").then().statusCode(201).extract().path("id");
        assertEquals(1, awaitEnd(id).getList("bots").size());

        given().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", false)))
                .when().post("/api/runs").then().statusCode(422)
                .body("error", containsString("includeWithoutKnowledge"));
    }

    @Test
    void refusesBadInputAndLaunchesNothing() {
        long calls = metrics.runTaskCalls();
        int runs = given().when().get("/api/runs").then().extract().jsonPath().getList("runs").size();

        post("{not json", 400, "not valid JSON");
        post("", 400, "Send");
        post("[]", 400, "expected an object");
        post("{}", 400, "Send either \"bots\"");
        post("{\"bots\": [], \"filter\": {}}", 400, "Send either \"bots\"");
        post("{\"bots\": []}", 400, "Nothing was selected");
        post("{\"bots\": \"all\"}", 400, "Wrong type at bots: expected a list");
        post("{\"bots\": [{\"pk\": 1, \"sk\": 2}]}", 400, "Wrong type at bots[0].pk: expected a string");
        post("{\"bots\": [{\"pk\": \"a\"}]}", 400, "needs a \"pk\" and an \"sk\"");
        post("{\"bots\": [{\"pk\": \"forged\", \"sk\": \"forged#BOT#NOPE\"}]}", 400, "not in the table");
        post("{\"filter\": {\"q\": \"no bot has this title\"}}", 400, "No bot matches");
        post("{\"filter\": \"everything\"}", 400, "Wrong type at filter: expected an object");
        post("{\"filter\": {\"staus\": \"FAILED\"}}", 400, "Unknown key \"staus\" in filter; accepted: "
                + "hasKnowledge, q, status");
        post("{\"filter\": {\"status\": \"FAILD\"}}", 400, "Unknown value \"FAILD\" at filter.status; accepted: "
                + "QUEUED, RUNNING, SUCCEEDED, FAILED, ORIGINAL_NOT_FOUND, NONE");
        post("{\"filter\": {}, \"includeWithoutKnowledge\": \"yes\"}", 400,
                "Wrong type at includeWithoutKnowledge: expected true or false");
        post("{\"filtr\": {}}", 400, "Unknown key \"filtr\"");

        given().when().get("/api/runs/r-nope").then().statusCode(404).body("error", containsString("r-nope"));
        given().contentType("application/json").when().post("/api/runs/r-nope/cancel").then().statusCode(404);
        given().contentType("application/json").when().post("/api/runs/r-nope/retry").then().statusCode(404);
        assertEquals(calls, metrics.runTaskCalls(), "no RunTask call");
        assertEquals(runs, given().when().get("/api/runs").then().extract().jsonPath().getList("runs").size(),
                "no run recorded");
    }

    @Test
    void aFinishedRunCannotBeCancelledAndRetriesOnlyFailures() {
        Map<String, Object> bot = botsWithKnowledge(b -> true).get(4);
        String id = given().contentType("application/json")
                .body(Map.of("bots", List.of(Map.of("pk", bot.get("pk"), "sk", bot.get("sk")))))
                .when().post("/api/runs").then().statusCode(201).extract().path("id");
        awaitEnd(id);

        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(409).body("error", containsString("ended"));
        given().contentType("application/json").when().post("/api/runs/" + id + "/retry").then().statusCode(409).body("error", startsWith("Nothing to retry"));
        given().contentType("application/json").body("{\"bot\": {\"pk\": \"x\", \"sk\": \"y\"}}")
                .when().post("/api/runs/" + id + "/retry").then().statusCode(400)
                .body("error", containsString("not part of run " + id));
        given().contentType("application/json").body("{\"bot\": {\"pk\": 3}}")
                .when().post("/api/runs/" + id + "/retry").then().statusCode(400);
        given().contentType("application/json").body(Map.of("bots", List.of(Map.of("pk", bot.get("pk"), "sk", bot.get("sk")))))
                .when().post("/api/runs/" + id + "/retry").then().statusCode(200).body("queued", equalTo(1));
        awaitEnd(id);
        given().contentType("application/json").body("{\"bots\": []}")
                .when().post("/api/runs/" + id + "/retry").then().statusCode(400).body("error", containsString("names no bot"));
    }

    private static void post(String body, int status, String message) {
        given().contentType("application/json").body(body).when().post("/api/runs").then().statusCode(status)
                .contentType(containsString("application/json")).body("error", containsString(message));
    }
}
