package io.reembed.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * aws mode, one console against the DynamoDB emulator: nothing is reachable without a login, the
 * built-in administrator gets in with Basic; then, last, DynamoDB gone (every page and API call
 * says so, never a bare 500) and someone guessing the password (slowed, then refused). The class
 * runs beside others; its tests run one after another, in order.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(6)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminLoginIT {

    private static AwsModeDynamoDb account;
    private static ConsoleProcess console;

    @BeforeAll
    static void start() throws Exception {
        account = AwsModeDynamoDb.start();
        console = account.console("admin-login", Map.of("REEMBED_AUTH_ADMIN_PASSWORD_HASH",
                AwsModeDynamoDb.PASSWORD_HASH,
                "REEMBED_HTTP_ALLOWED_HOSTS", "127.0.0.1,console.example.com",
                "REEMBED_AUTH_MAX_FAILED_LOGINS", "3", "REEMBED_AUTH_LOGIN_WINDOW", "1m",
                // Every bot list is read from the table, none from memory: DynamoDB stopped shows at once.
                "REEMBED_CATALOG_CACHE_TTL", "0s"));
        console.start();
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        account.close();
    }

    @Test
    @Order(1)
    @Execution(ExecutionMode.SAME_THREAD)
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
    @Order(2)
    @Execution(ExecutionMode.SAME_THREAD)
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
    @Order(3)
    @Execution(ExecutionMode.SAME_THREAD)
    void letsTheAdministratorInWithBasicCredentials() {
        admin().when().get("/bots").then().statusCode(200).body(containsString("mode-aws"))
                .body(containsString(AwsModeDynamoDb.TABLE))
                .body(containsString("<strong>60</strong> of 60 bots match"))
                .body(containsString("could not check (STS GetCallerIdentity failed)"));
        admin().when().get("/api/bots").then().statusCode(200).body("total", equalTo(60));
    }

    @Test
    @Order(4)
    @Execution(ExecutionMode.SAME_THREAD)
    void theDemoEmulatorIsNotThereOutsideTheDemo() {
        admin().header("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListTasks").body("{}")
                .when().post("/local/ecs").then().statusCode(404);
    }

    @Test
    @Order(5)
    @Execution(ExecutionMode.SAME_THREAD)
    void answersOnlyToTheConfiguredHostNamesAndRedirectsRelatively() {
        admin().header("Host", "evil.example").when().get("/bots").then().statusCode(421);
        admin().header("Host", "console.example.com").redirects().follow(false).when().get("/").then().statusCode(303)
                .header("Location", equalTo("/bots"));
    }

    @Test
    @Order(6)
    @Execution(ExecutionMode.SAME_THREAD)
    void withoutEcsSettingsTheAdministratorIsToldWhatToSet() {
        admin().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", true))).when()
                .post("/api/runs").then().statusCode(409).body("error", containsString("reembed.ecs.cluster"));
    }

    @Test
    @Order(7)
    @Execution(ExecutionMode.SAME_THREAD)
    void withDynamoDbStoppedEveryPageAndApiCallSaysWhatIsWrong() throws Exception {
        account.stop();
        // Each of these waits out the SDK's retries on a refused connection: asked all at once.
        List<Runnable> checks = new java.util.ArrayList<>();
        for (String page : List.of("/runs", "/runs/r20260101-000000-abcdef", "/bots")) {
            checks.add(() -> admin().when().get(page).then().statusCode(503)
                    .contentType(containsString("text/html")).body(containsStringIgnoringCase("could not")));
        }
        for (String call : List.of("/api/runs", "/api/runs/r20260101-000000-abcdef", "/api/bots")) {
            checks.add(() -> admin().when().get(call).then().statusCode(503)
                    .contentType(containsString("application/json")).body("error", notNullValue()));
        }
        // Readiness says what is wrong in a word, on a port without login: no table, stack or account named. It keeps
        // its probe of DynamoDB 10 s, and the management port was asked before DynamoDB stopped.
        checks.add(() -> {
            Response ready = Awaitility.await().atMost(Duration.ofSeconds(30))
                    .until(() -> given().baseUri(console.managementUrl()).when().get("/q/health/ready"),
                            answer -> answer.asString().contains("unreachable ("));
            assertEquals(503, ready.statusCode());
            String readiness = ready.asString();
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
    }

    /** A wrong password and an unknown name with the right one are refused, each after a longer wait; then every login is. */
    @Test
    @Order(8)
    @Execution(ExecutionMode.SAME_THREAD)
    void wrongPasswordsAreSlowedThenRefused() {
        long start = System.nanoTime();
        for (String[] guess : List.of(new String[] {"admin", "wrong"}, new String[] {"root", AwsModeDynamoDb.PASSWORD},
                new String[] {"admin", "guess"})) {
            anonymous().auth().preemptive().basic(guess[0], guess[1]).when().get("/bots").then().statusCode(401);
        }
        assertTrue(System.nanoTime() - start >= 1_750_000_000L, "each failure waits longer: 0.25 + 0.5 + 1 s");
        admin().when().get("/bots").then().statusCode(429).header("Retry-After", notNullValue())
                .body(containsString("Too many failed logins"));
        anonymous().auth().preemptive().basic("somebody-else", "x").when().get("/bots").then().statusCode(429);
    }

    private static RequestSpecification anonymous() {
        return given().baseUri(console.baseUrl());
    }

    private static RequestSpecification admin() {
        return anonymous().auth().preemptive().basic("admin", AwsModeDynamoDb.PASSWORD);
    }
}
