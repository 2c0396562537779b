package io.reembed.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.restassured.specification.RequestSpecification;

/**
 * aws mode when things go wrong: DynamoDB gone (every page and API call says so, never a bare 500),
 * and someone guessing the password (slowed, then refused).
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(6)
class AwsModeFailuresIT {

    @Test
    void withDynamoDbStoppedEveryPageAndApiCallSaysWhatIsWrongAndWrongPasswordsAreSlowedThenRefused() throws Exception {
        try (AwsModeDynamoDb account = AwsModeDynamoDb.start();
                ConsoleProcess console = account.console("aws-mode-failures", Map.of(
                        "REEMBED_AUTH_ADMIN_PASSWORD_HASH", AwsModeDynamoDb.PASSWORD_HASH,
                        "REEMBED_AUTH_MAX_FAILED_LOGINS", "3", "REEMBED_AUTH_LOGIN_WINDOW", "1m"))) {
            console.start();
            account.stop();
            // Each of these waits out the SDK's retries on a refused connection: asked all at once.
            List<Runnable> checks = new java.util.ArrayList<>();
            for (String page : List.of("/runs", "/runs/r20260101-000000-abcdef", "/bots")) {
                checks.add(() -> admin(console).when().get(page).then().statusCode(503)
                        .contentType(containsString("text/html")).body(containsStringIgnoringCase("could not")));
            }
            for (String call : List.of("/api/runs", "/api/runs/r20260101-000000-abcdef", "/api/bots")) {
                checks.add(() -> admin(console).when().get(call).then().statusCode(503)
                        .contentType(containsString("application/json")).body("error", notNullValue()));
            }
            // Readiness says what is wrong in a word, on a port without login: no table, stack or account named.
            checks.add(() -> {
                String readiness = given().baseUri(console.managementUrl()).when().get("/q/health/ready").then()
                        .statusCode(503).extract().asString();
                assertTrue(readiness.contains("unreachable ("), readiness);
                assertFalse(readiness.contains(AwsModeDynamoDb.TABLE) || readiness.contains("reembed-console-runs")
                        || readiness.contains("123456789012"), readiness);
            });
            ExecutorService askers = Executors.newFixedThreadPool(checks.size());
            try {
                for (Future<?> answer : askers.invokeAll(checks.stream().map(Executors::callable).toList())) {
                    try {
                        answer.get();
                    } catch (ExecutionException e) {
                        throw e.getCause() instanceof Error error ? error : new AssertionError(e.getCause());
                    }
                }
            } finally {
                askers.shutdownNow();
            }

            long start = System.nanoTime();
            for (int i = 0; i < 3; i++) {
                given().baseUri(console.baseUrl()).auth().preemptive().basic("admin", "guess" + i).when().get("/bots")
                        .then().statusCode(401);
            }
            assertTrue(System.nanoTime() - start >= 1_750_000_000L, "each failure waits longer: 0.25 + 0.5 + 1 s");
            admin(console).when().get("/bots").then().statusCode(429).header("Retry-After", notNullValue())
                    .body(containsString("Too many failed logins"));
            given().baseUri(console.baseUrl()).auth().preemptive().basic("somebody-else", "x").when().get("/bots").then()
                    .statusCode(429);
        }
    }

    private static RequestSpecification admin(ConsoleProcess console) {
        return given().baseUri(console.baseUrl()).auth().preemptive().basic("admin", AwsModeDynamoDb.PASSWORD);
    }
}
