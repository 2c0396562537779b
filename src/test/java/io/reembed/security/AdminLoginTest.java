package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.runs.engine.EngineMetrics;

/** In aws mode nothing is reachable without a login; the built-in administrator gets in with Basic. */
@QuarkusTest
@TestProfile(AdminLoginProfile.class)
class AdminLoginTest {

    @Inject
    EngineMetrics metrics;

    @Test
    void refusesAnonymousRequestsEverywhere() {
        long calls = metrics.runTaskCalls();
        for (String path : new String[] {"/bots", "/runs", "/runs/r-any", "/runs/r-any/updates", "/api/bots", "/api/runs"}) {
            given().redirects().follow(false).when().get(path).then().statusCode(401)
                    .header("WWW-Authenticate", containsStringIgnoringCase("basic realm"));
        }
        given().header("HX-Request", "true").when().get("/bots").then().statusCode(401);
        given().contentType("application/json").body("{\"filter\": {}}").when().post("/api/runs").then().statusCode(401);
        given().formParam("scope", "filter").when().post("/runs/confirm").then().statusCode(401);
        given().contentType("application/json").when().post("/api/runs/r-any/cancel").then().statusCode(401);
        assertEquals(calls, metrics.runTaskCalls(), "nothing launched");
    }

    @Test
    void healthAndMetricsAnswerOnTheManagementPortWithoutALoginAndNowhereElse() {
        int management = io.reembed.ops.ManagementPort.inTests();
        given().port(management).when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().port(management).when().get("/q/health/ready").then().statusCode(org.hamcrest.Matchers.anyOf(
                equalTo(200), equalTo(503))).body("checks[0].name", equalTo("re-embed console"));
        given().port(management).when().get("/q/metrics").then().statusCode(200)
                .body(containsString("reembed_runtask_calls_total"));
        given().port(management).queryParam("format", "json").when().get("/q/openapi").then().statusCode(200)
                .body("paths", org.hamcrest.Matchers.hasKey("/api/runs"));
        given().port(management).when().get("/api/bots").then().statusCode(404);
        for (String path : new String[] {"/q/health", "/q/health/live", "/q/metrics", "/q/openapi", "/q/swagger-ui"}) {
            given().redirects().follow(false).when().get(path).then().statusCode(401);
        }
    }

    @Test
    void refusesAWrongPassword() {
        given().auth().preemptive().basic("admin", "wrong").when().get("/bots").then().statusCode(401);
        given().auth().preemptive().basic("root", AdminLoginProfile.PASSWORD).when().get("/bots").then().statusCode(401);
    }

    @Test
    void letsTheAdministratorInWithBasicCredentials() {
        given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD).when().get("/bots").then()
                .statusCode(200).body(containsString("mode-aws"))
                .body(containsString(AwsModeWithDynamoDbEmulator.TABLE))
                .body(containsString("<strong>60</strong> of 60 bots match"))
                .body(containsString("could not check (STS GetCallerIdentity failed)"));
        given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD).when().get("/api/bots").then()
                .statusCode(200).body("total", equalTo(60));
    }

    @Test
    void theDemoEmulatorIsNotThereOutsideTheDemo() {
        given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD)
                .header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks").body("{}")
                .when().post("/local/ecs").then().statusCode(404);
    }

    @Test
    void answersOnlyToTheConfiguredHostNamesAndRedirectsRelatively() {
        given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD).header("Host", "evil.example")
                .when().get("/bots").then().statusCode(421);
        given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD).header("Host", "console.example.com")
                .redirects().follow(false).when().get("/").then().statusCode(303).header("Location", equalTo("/bots"));
    }

    @Test
    void withoutEcsSettingsTheAdministratorIsToldWhatToSet() {
        given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD).contentType("application/json")
                .body(Map.of("filter", Map.of("hasKnowledge", true))).when().post("/api/runs").then()
                .statusCode(409).body("error", containsString("reembed.ecs.cluster"));
    }
}
