package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.specification.RequestSpecification;

/**
 * aws mode when things go wrong: DynamoDB gone (every page and API call says so, never a bare
 * 500), and someone guessing the password (slowed, then refused). In this order: the brake
 * blocks the test's own address at the end.
 */
@QuarkusTest
@TestProfile(LoginBrakeProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsModeFailuresTest {

    @Test
    @Order(1)
    void withDynamoDbStoppedEveryPageAndApiCallSaysWhatIsWrong() {
        AwsModeWithDynamoDbEmulator.running.stop();

        for (String page : List.of("/runs", "/runs/r20260101-000000-abcdef", "/bots")) {
            admin().when().get(page).then().statusCode(503).contentType(containsString("text/html"))
                    .body(containsStringIgnoringCase("could not"));
        }
        for (String call : List.of("/api/runs", "/api/runs/r20260101-000000-abcdef", "/api/bots")) {
            admin().when().get(call).then().statusCode(503).contentType(containsString("application/json"))
                    .body("error", notNullValue());
        }
        // Readiness says what is wrong in a word, on a port without login: no table, stack or account named.
        String readiness = given().port(io.reembed.ops.ManagementPort.inTests()).when().get("/q/health/ready").then()
                .statusCode(503).extract().asString();
        org.junit.jupiter.api.Assertions.assertTrue(readiness.contains("unreachable ("), readiness);
        org.junit.jupiter.api.Assertions.assertFalse(readiness.contains(AwsModeWithDynamoDbEmulator.TABLE)
                || readiness.contains("reembed-console-runs") || readiness.contains("123456789012"), readiness);
    }

    @Test
    @Order(2)
    void wrongPasswordsAreSlowedThenRefusedWith429() {
        long start = System.nanoTime();
        for (int i = 0; i < 3; i++) {
            given().auth().preemptive().basic("admin", "guess" + i).when().get("/bots").then().statusCode(401);
        }
        assertTrue(System.nanoTime() - start >= 1_750_000_000L, "each failure waits longer: 0.25 + 0.5 + 1 s");

        admin().when().get("/bots").then().statusCode(429).header("Retry-After", notNullValue())
                .body(containsString("Too many failed logins"));
        given().auth().preemptive().basic("somebody-else", "x").when().get("/bots").then().statusCode(429);
    }

    private static RequestSpecification admin() {
        return given().auth().preemptive().basic("admin", AdminLoginProfile.PASSWORD);
    }
}
