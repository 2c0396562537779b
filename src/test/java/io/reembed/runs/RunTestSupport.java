package io.reembed.runs;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;


import com.fasterxml.jackson.databind.JsonNode;

import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.testing.Json;
import io.restassured.path.json.JsonPath;

/** Picks demo bots and waits for runs, through the JSON API as an automation client would. */
public final class RunTestSupport {

    private RunTestSupport() {
    }

    /** The emulator's defaults, but no vCPU limit: for tests about something else than capacity. */
    public static void withoutCapacityLimit(EcsEmulator emulator, ReembedConfig config) {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).build());
    }

    /** Demo bots with knowledge that have synced before (never-synced ones stay so for the page tests). */
    public static List<Map<String, Object>> botsWithKnowledge(Predicate<Map<String, Object>> wanted) {
        List<Map<String, Object>> bots = botsListed();
        List<Map<String, Object>> chosen = new ArrayList<>();
        for (Map<String, Object> bot : bots) {
            if (bot.get("syncStatus") != null && ((List<?>) bot.get("problems")).isEmpty() && wanted.test(bot)) {
                chosen.add(bot);
            }
        }
        return chosen;
    }

    private static List<Map<String, Object>> botsListed() {
        return Json.list(Json.read(given().queryParam("hasKnowledge", "true").when().get("/api/bots").then().statusCode(200)
                .extract().asString()).path("bots"));
    }

    /** The keys of the first {@code count} demo bots with knowledge, as {@code POST /api/runs} takes them. */
    public static List<Map<String, Object>> keysOfBotsWithKnowledge(int count) {
        List<Map<String, Object>> bots = botsListed();
        List<Map<String, Object>> keys = new ArrayList<>();
        bots.subList(0, count).forEach(bot -> keys.add(Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))));
        return keys;
    }

    public static String start(List<Map<String, Object>> bots) {
        return start(bots, Map.of());
    }

    /** Starts a run of these bots with more of {@code POST /api/runs}'s keys ("brake", "maxInFlight"). */
    public static String start(List<Map<String, Object>> bots, Map<String, Object> more) {
        List<Map<String, Object>> keys = bots.stream().map(bot -> Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList();
        Map<String, Object> body = new java.util.HashMap<>(more);
        body.put("bots", keys);
        return given().contentType("application/json").body(body).when().post("/api/runs")
                .then().statusCode(201).extract().path("id");
    }

    /** A run that must end whatever share of its bots fails: no failure brake. */
    public static String startWithoutBrake(List<Map<String, Object>> bots) {
        return start(bots, Map.of("brake", Map.of("after", 0)));
    }

    /** Polls the run until {@code condition} holds of it; the run as it was then, to assert on. */
    public static JsonPath awaitRun(String id, Predicate<JsonNode> condition, long timeoutMillis) {
        return Json.await("run " + id, Duration.ofMillis(timeoutMillis), Duration.ofMillis(100),
                () -> given().when().get("/api/runs/" + id).then().statusCode(200).extract().asString(), condition);
    }

    /** Until the run stops running: it ended, or it stands paused (a failure brake's pause included). */
    public static JsonPath awaitEnd(String id) {
        return awaitRun(id, run -> !"RUNNING".equals(Json.text(run, "/state")), 90_000);
    }

    /** A run of one bot whose task never leaves PROVISIONING, so it stays active until cancelled. */
    public static String startStuckRun(EcsEmulator emulator, ReembedConfig config) {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).stuckFraction(1.0)
                .build());
        List<Map<String, Object>> bots = RunTestSupport.botsWithKnowledge(bot -> true);
        for (Map<String, Object> bot : bots) {
            var response = given().contentType("application/json")
                    .body(Map.of("bots", List.of(Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))))).when().post("/api/runs");
            if (response.statusCode() == 201) {
                return response.path("id");
            }
        }
        throw new AssertionError("no bot free to start a run with");
    }
}
