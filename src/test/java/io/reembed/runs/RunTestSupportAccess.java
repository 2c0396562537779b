package io.reembed.runs;

import static io.restassured.RestAssured.given;

import java.util.List;
import java.util.Map;

import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;

/** Run helpers for tests outside this package. */
public final class RunTestSupportAccess {

    private RunTestSupportAccess() {
    }

    public static io.restassured.path.json.JsonPath awaitEnd(String id) {
        return RunTestSupport.awaitEnd(id);
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
