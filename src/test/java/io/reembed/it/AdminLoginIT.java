package io.reembed.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.restassured.specification.RequestSpecification;

/** In aws mode nothing is reachable without a login; the built-in administrator gets in with Basic. */
@Execution(ExecutionMode.CONCURRENT)
@Order(8)
class AdminLoginIT {

    private static AwsModeDynamoDb account;
    private static ConsoleProcess console;

    @BeforeAll
    static void start() throws Exception {
        account = AwsModeDynamoDb.start();
        console = account.console("admin-login", Map.of("REEMBED_AUTH_ADMIN_PASSWORD_HASH",
                AwsModeDynamoDb.PASSWORD_HASH,
                "REEMBED_HTTP_ALLOWED_HOSTS", "127.0.0.1,console.example.com"));
        console.start();
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        account.close();
    }

    @Test
    void refusesAnonymousRequestsEverywhere() {
        long calls = console.runTaskCalls();
        for (String path : new String[] {"/bots", "/runs", "/runs/r-any", "/runs/r-any/updates", "/api/bots", "/api/runs"}) {
            anonymous().redirects().follow(false).when().get(path).then().statusCode(401)
                    .header("WWW-Authenticate", containsStringIgnoringCase("basic realm"));
        }
        anonymous().header("HX-Request", "true").when().get("/bots").then().statusCode(401);
        anonymous().contentType("application/json").body("{\"filter\": {}}").when().post("/api/runs").then().statusCode(401);
        anonymous().formParam("scope", "filter").when().post("/runs/confirm").then().statusCode(401);
        anonymous().contentType("application/json").when().post("/api/runs/r-any/cancel").then().statusCode(401);
        assertEquals(calls, console.runTaskCalls(), "nothing launched");
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortWithoutALoginAndNowhereElse() {
        String management = console.managementUrl();
        given().baseUri(management).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().baseUri(management).when().get("/q/health/ready").then().statusCode(org.hamcrest.Matchers.anyOf(
                equalTo(200), equalTo(503))).body("checks[0].name", equalTo("re-embed console"));
        given().baseUri(management).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("reembed_runtask_calls_total"));
        given().baseUri(management).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs"));
        given().baseUri(management).when().get("/api/bots").then().statusCode(404);
        for (String path : new String[] {"/q/health", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui"}) {
            anonymous().redirects().follow(false).when().get(path).then().statusCode(401);
        }
    }

    @Test
    void refusesAWrongPassword() {
        anonymous().auth().preemptive().basic("admin", "wrong").when().get("/bots").then().statusCode(401);
        anonymous().auth().preemptive().basic("root", AwsModeDynamoDb.PASSWORD).when().get("/bots").then().statusCode(401);
    }

    @Test
    void letsTheAdministratorInWithBasicCredentials() {
        admin().when().get("/bots").then().statusCode(200).body(containsString("mode-aws"))
                .body(containsString(AwsModeDynamoDb.TABLE))
                .body(containsString("<strong>60</strong> of 60 bots match"))
                .body(containsString("could not check (STS GetCallerIdentity failed)"));
        admin().when().get("/api/bots").then().statusCode(200).body("total", equalTo(60));
    }

    @Test
    void theDemoEmulatorIsNotThereOutsideTheDemo() {
        admin().header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks").body("{}")
                .when().post("/local/ecs").then().statusCode(404);
    }

    @Test
    void answersOnlyToTheConfiguredHostNamesAndRedirectsRelatively() {
        admin().header("Host", "evil.example").when().get("/bots").then().statusCode(421);
        admin().header("Host", "console.example.com").redirects().follow(false).when().get("/").then().statusCode(303)
                .header("Location", equalTo("/bots"));
    }

    @Test
    void withoutEcsSettingsTheAdministratorIsToldWhatToSet() {
        admin().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", true))).when()
                .post("/api/runs").then().statusCode(409).body("error", containsString("reembed.ecs.cluster"));
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(console.baseUrl());
    }

    private static RequestSpecification admin() {
        return anonymous().auth().preemptive().basic("admin", AwsModeDynamoDb.PASSWORD);
    }
}
