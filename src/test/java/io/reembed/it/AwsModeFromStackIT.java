package io.reembed.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.reembed.testing.Json;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged console in aws mode, given nothing but a region, credentials, a password and
 * endpoint overrides: it finds everything else in the stack, names the account, and launches with
 * what it found. The "AWS" is a second packaged console in demo mode, whose emulators and
 * DynamoDB speak the real protocols. A wrong subnet setting turns preflight red and nothing is
 * launched; a wrong stack name is answered with the region's Bedrock Chat stacks.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(3)
class AwsModeFromStackIT {

    private static final String PASSWORD = "it-admin-password-0123";
    private static final Path LOGS = Path.of("target", "it-logs", "aws-mode");

    @Test
    void discoversEverythingFromTheStackAndLaunchesWithIt() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "aws-mode-demo-data");
        Map<String, String> fakeAws = Map.of("REEMBED_MODE", "demo", "REEMBED_DEMO_DATA_DIR", dataDir.toString(),
                "REEMBED_ECS_EMULATOR_TIME_SCALE", "0.02", "REEMBED_ECS_EMULATOR_TICK", "20ms");
        try (ConsoleProcess aws = new ConsoleProcess(fakeAws, LOGS.resolve("fake-aws"))) {
            aws.start();
            try (ConsoleProcess console = new ConsoleProcess(awsMode(aws.baseUrl(), Map.of()), LOGS.resolve("console"))) {
                console.start();
                launchesWithWhatTheStackSays(console.baseUrl());
            }
            try (ConsoleProcess console = new ConsoleProcess(awsMode(aws.baseUrl(),
                    Map.of("REEMBED_ECS_SUBNETS", "subnet-0bogus000000000")), LOGS.resolve("wrong-subnet"))) {
                console.start();
                refusesToLaunchIntoAWrongSubnet(console.baseUrl());
            }
            try (ConsoleProcess console = new ConsoleProcess(awsMode(aws.baseUrl(),
                    Map.of("REEMBED_STACK_NAME", "dev-BedrockChatStack")), LOGS.resolve("wrong-stack"))) {
                console.start();
                namesTheStacksThatExist(console.baseUrl());
            }
        }
    }

    private static void launchesWithWhatTheStackSays(String base) {
        // Who and where, on every page.
        as(base).when().get("/bots").then().statusCode(200)
                .body(containsString("<code>123456789012</code> as <code class=\"arn\">arn:aws:iam::123456789012:user/demo-operator</code>"))
                .body(containsString("BedrockChatStack-DatabaseConversationTableDEMO"));
        as(base).when().get("/settings").then().statusCode(200)
                .body(containsString("EmbeddingClusterName1AE6B05C of BedrockChatStack"))
                .body(containsString("EmbeddingTaskDefinitionName86C2AB63 of BedrockChatStack"))
                .body(containsString("EmbeddingTaskSecurityGroupId4DB73E0F of BedrockChatStack"))
                .body(containsString("PrivateSubnetId0, PrivateSubnetId1 of BedrockChatStack"));
        as(base).when().get("/api/preflight").then().statusCode(200).body("launchable", equalTo(true))
                .body("checks.findAll { it.status == 'fail' }", equalTo(List.of()));

        List<Map<String, Object>> bots = as(base).queryParam("hasKnowledge", "true").when().get("/api/bots").then()
                .statusCode(200).extract().jsonPath().getList("bots");
        List<Map<String, Object>> keys = bots.subList(0, 3).stream()
                .map(bot -> Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList();
        String id = as(base).contentType("application/json").body(Map.of("bots", keys)).when().post("/api/runs")
                .then().statusCode(201).extract().path("id");
        JsonPath run = Json.await("run " + id, Duration.ofSeconds(60), Duration.ofMillis(250),
                () -> as(base).when().get("/api/runs/" + id).then().statusCode(200).extract().asString(),
                json -> !"RUNNING".equals(Json.text(json, "/state")));
        assertEquals("bedrock-chat-demo", run.getString("ecs.cluster"));
        assertEquals("bedrock-chat-demo-embedding", run.getString("ecs.taskDefinition"));
        assertEquals(List.of("subnet-0demo0000000000a", "subnet-0demo0000000000b"), run.getList("ecs.subnets"));
        assertEquals(List.of("sg-0demo00000000000e"), run.getList("ecs.securityGroups"));
        assertEquals("123456789012", run.getString("ecs.account"));
        assertEquals("us-east-1", run.getString("ecs.region"));
        // The emulated ECS refuses an unknown cluster, task definition, subnet or security group:
        // every bot got a task, so every RunTask carried the discovered values.
        for (Map<String, Object> bot : run.<Map<String, Object>>getList("bots")) {
            assertNotNull(bot.get("taskArn"), "bot " + bot.get("sk") + " was launched: " + bot);
        }
        as(base).when().get("/api/runs/" + id).then().body("audit[0].detail", containsString("account 123456789012"));
    }

    private static void refusesToLaunchIntoAWrongSubnet(String base) {
        as(base).when().get("/api/preflight").then().statusCode(200).body("launchable", equalTo(false))
                .body("checks.find { it.id == 'network' }.status", equalTo("fail"))
                .body("checks.find { it.id == 'network' }.detail",
                        containsString("The subnet ID 'subnet-0bogus000000000' does not exist"));
        int runs = as(base).when().get("/api/runs").then().statusCode(200).extract().jsonPath().getList("runs").size();
        as(base).contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", true))).when()
                .post("/api/runs").then().statusCode(409).body("checks.id", equalTo(List.of("network")));
        as(base).when().get("/api/runs").then().statusCode(200).body("runs.size()", equalTo(runs));
        as(base).when().get("/settings").then().body(containsString("subnet-0bogus000000000"))
                .body(containsString("reembed.ecs.subnets"));
    }

    private static void namesTheStacksThatExist(String base) {
        as(base).when().get("/settings").then().statusCode(200)
                .body(containsString("The stack <code>dev-BedrockChatStack</code> does not exist in this region."))
                .body(containsString("Bedrock Chat stacks in this region: BedrockChatStack"))
                .body(not(containsString("CDKToolkit")));
        as(base).when().get("/bots").then().statusCode(503)
                .body(containsString("set reembed.table-name (REEMBED_TABLE_NAME)"));
        as(base).when().get("/api/preflight").then().body("checks.find { it.id == 'settings' }.status", equalTo("fail"));
    }

    private static Map<String, String> awsMode(String fakeAws, Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of("REEMBED_MODE", "aws",
                "REEMBED_ADMIN_PASSWORD", PASSWORD, "AWS_REGION", "us-east-1",
                "AWS_ACCESS_KEY_ID", "demo", "AWS_SECRET_ACCESS_KEY", "demo",
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "REEMBED_RUNS_TABLE_NAME", "reembed-console-runs-aws-mode-it",
                "REEMBED_AWS_ENDPOINTS_DYNAMODB", fakeAws + "/local/dynamodb",
                "REEMBED_AWS_ENDPOINTS_ECS", fakeAws + "/local/ecs",
                "REEMBED_AWS_ENDPOINTS_SERVICEQUOTAS", fakeAws + "/local/servicequotas"));
        environment.put("REEMBED_AWS_ENDPOINTS_STS", fakeAws);
        environment.put("REEMBED_AWS_ENDPOINTS_CLOUDFORMATION", fakeAws);
        environment.put("REEMBED_AWS_ENDPOINTS_EC2", fakeAws);
        environment.putAll(extra);
        return environment;
    }

    private static RequestSpecification as(String base) {
        return given().baseUri(base).auth().preemptive().basic("admin", PASSWORD);
    }
}
