package io.reembed.preflight;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.config.ReembedConfig.Demo.DemoFault;
import io.reembed.local.DemoAccount;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.web.BrowserSession;
import io.restassured.path.json.JsonPath;

/**
 * Preflight in the demo, through the real SDK clients against the emulated account: all green
 * but the capacity, then each demo fault turning its own check red and blocking every launch.
 */
@QuarkusTest
class PreflightTest {

    @Inject
    DemoAccount account;

    @Inject
    Preflight preflight;

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Inject
    EngineMetrics metrics;

    @BeforeEach
    void healthy() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        account.fault(Optional.empty());
        preflight.checkAgain();
    }

    @AfterEach
    void heal() {
        healthy();
    }

    @Test
    void theDemoAccountPassesEveryCheckFromItsStackNameAlone() {
        given().when().get("/api/preflight").then().statusCode(200).body("launchable", equalTo(true));
        given().when().get("/bots").then().statusCode(200).body(not(containsString("id=\"preflight-red\"")))
                .body(containsString("<a class=\"skip-link\" href=\"#main\">"));
        JsonPath checks = given().when().get("/api/preflight").then().statusCode(200)
                .body("launchable", equalTo(true)).extract().jsonPath();
        for (String id : List.of("identity", "settings", "conversation-table", "runs-table", "cluster", "task-definition",
                "network", "capacity")) {
            assertEquals("pass", checks.getString("checks.find { it.id == '" + id + "' }.status"), id + ": "
                    + checks.getString("checks.find { it.id == '" + id + "' }.detail"));
        }
        // No capacity limit in the emulator: AWS's usual 4,000 vCPUs of one-vCPU tasks.
        assertEquals(4000, checks.getInt("tasksAtOnce"));
        given().when().get("/preflight").then().statusCode(200).body(containsString("Launching is allowed."))
                .body(containsString("logs to /ecs/bedrock-chat-demo-embedding"))
                .body(containsString("2 subnets (us-east-1a, us-east-1b) and 1 security group in vpc-0demo00000000000001"));
    }

    @Test
    void theSettingsPageSaysWhereEachValueCameFrom() {
        given().when().get("/settings").then().statusCode(200)
                .body(containsString("EmbeddingClusterName1AE6B05C of BedrockChatStack"))
                .body(containsString("PrivateSubnetId0, PrivateSubnetId1 of BedrockChatStack"))
                .body(containsString("<code class=\"id\">subnet-0demo0000000000a</code><br><code class=\"id\">subnet-0demo0000000000b</code>"))
                .body(containsString("REEMBED_ECS_SECURITY_GROUPS"))
                .body(containsString("the name Bedrock Chat gives the embedding container"));
    }

    @Test
    void aQuotaBelowMaxInFlightWarnsAndBecomesTheEnginesCeiling() {
        emulator.reset(io.reembed.local.ecs.EmulatorSettings.from(config.ecsEmulator()).toBuilder()
                .maxConcurrentTasks(12).build());
        PreflightReport report = preflight.checkAgain();
        Check capacity = report.checks().stream().filter(c -> c.id().equals("capacity")).findFirst().orElseThrow();
        assertEquals(CheckStatus.WARN, capacity.status(), capacity.detail());
        assertEquals(12, report.tasksAtOnce());
        // The run page's limits say which limit is really in force, and why.
        String run = io.reembed.runs.RunTestSupport.startStuckRun(emulator, config);
        given().when().get("/runs/" + run).then().statusCode(200)
                .body(containsString("id=\"limits-ceiling\">in force: <strong>12</strong> tasks in flight"));
        given().contentType("application/json").when().post("/api/runs/" + run + "/cancel").then().statusCode(200);
        io.reembed.runs.RunTestSupport.awaitEnd(run);
        emulator.reset(io.reembed.local.ecs.EmulatorSettings.from(config.ecsEmulator()).toBuilder()
                .maxConcurrentTasks(12).build());
        assertEquals(true, report.launchable(), "a warning does not block");
        given().when().get("/preflight").then().body(containsString("the engine keeps to 12 tasks at once"));
    }

    @ParameterizedTest
    @CsvSource({
            "MISSING_OUTPUT, settings, has no output EmbeddingClusterName…: set reembed.ecs.cluster (REEMBED_ECS_CLUSTER)",
            "WRONG_SUBNET, network, InvalidSubnetID.NotFound: The subnet ID 'subnet-0demo0000000000x' does not exist",
            "INACTIVE_TASK_DEFINITION, task-definition, bedrock-chat-demo-embedding:1 is INACTIVE" })
    void eachDemoFaultTurnsItsCheckRedAndBlocksEveryLaunch(DemoFault fault, String check, String detail) {
        account.fault(Optional.of(fault));
        BrowserSession browser = BrowserSession.open();
        browser.form().redirects().follow(false).when().post("/preflight/check-again").then().statusCode(303);

        given().when().get("/api/preflight").then().statusCode(200).body("launchable", equalTo(false))
                .body("checks.find { it.id == '" + check + "' }.status", equalTo("fail"))
                .body("checks.find { it.id == '" + check + "' }.detail", containsString(detail))
                .body("checks.findAll { it.status == 'fail' }.id", equalTo(List.of(check)));

        long calls = metrics.runTaskCalls();
        List<Map<String, Object>> keys = RunTestSupport.keysOfBotsWithKnowledge(2);
        given().contentType("application/json").body(Map.of("bots", keys)).when().post("/api/runs").then()
                .statusCode(409).body("error", containsString("1 check failed"))
                .body("checks.id", equalTo(List.of(check))).body("checks[0].detail", containsString(detail));
        given().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", true))).when()
                .post("/api/runs").then().statusCode(409).body("checks.id", hasItem(check));

        // The confirmation page shows the block and offers no launch button.
        browser.form().formParam("scope", "filter").formParam("q", "Asystent").when().post("/runs/confirm").then()
                .statusCode(200).body(containsString("Launching is blocked: 1 check failed"))
                .body(containsString("check-" + check)).body(not(containsString("id=\"launch\"")));
        assertEquals(calls, metrics.runTaskCalls(), "nothing was launched");
        // The bot list says so at once, from the last report (it never waits for a check).
        given().when().get("/bots").then().statusCode(200)
                .body(containsString("id=\"preflight-red\">Preflight: 1 check failed"));
    }

    @Test
    void theSettingsPageNamesWhatIsMissingAndHowToSetIt() {
        account.fault(Optional.of(DemoFault.MISSING_OUTPUT));
        BrowserSession browser = BrowserSession.open();
        browser.form().redirects().follow(false).when().post("/settings/read-again").then().statusCode(303)
                .header("Location", "/settings");
        given().when().get("/settings").then().statusCode(200)
                .body(containsString("Nothing can be launched until every value is known."))
                .body(containsString("the stack BedrockChatStack has no output EmbeddingClusterName…: set reembed.ecs.cluster"));
        // A form post without the anti-CSRF token changes nothing.
        given().formParam("x", "y").when().post("/settings/read-again").then().statusCode(403);
    }
}
