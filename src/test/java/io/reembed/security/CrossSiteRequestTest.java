package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.reembed.runs.engine.EngineMetrics;

/**
 * A page of another site (or another app of the same site) cannot drive the JSON API: every
 * state-changing call must be exactly application/json and must not say it came from elsewhere.
 */
@QuarkusTest
class CrossSiteRequestTest {

    private static final String START = "{\"filter\": {\"hasKnowledge\": true}}";
    private static final List<String> STATE_CHANGING = List.of("/api/runs", "/api/runs/r-any/cancel",
            "/api/runs/r-any/retry");

    @Inject
    EngineMetrics metrics;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void aPostWithoutContentTypeIsRefusedBeforeAnythingElse() throws Exception {
        long calls = metrics.runTaskCalls();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (String path : STATE_CHANGING) {
            // What a browser sends for fetch(url, {method: "POST", mode: "no-cors", body: new Blob([json])}).
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .POST(HttpRequest.BodyPublishers.ofString(START)).build();
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(415, response.statusCode(), path + ": " + response.body());
        }
        assertEquals(calls, metrics.runTaskCalls(), "nothing launched");
    }

    @Test
    void onlyApplicationJsonIsTaken() {
        long calls = metrics.runTaskCalls();
        for (String path : STATE_CHANGING) {
            given().formParam("filter", START).when().post(path).then().statusCode(415);
            for (String type : List.of("*/*", "application/*", "text/plain", "multipart/form-data; boundary=x",
                    "application/jsonp")) {
                given().header("Content-Type", type).body(START.getBytes(StandardCharsets.UTF_8)).when().post(path)
                        .then().statusCode(415)
                        .body("error", containsString("application/json"));
            }
        }
        assertEquals(calls, metrics.runTaskCalls());
    }

    @Test
    void aRequestFromAnotherOriginIsRefused() {
        long calls = metrics.runTaskCalls();
        for (String path : STATE_CHANGING) {
            given().contentType("application/json").header("Origin", "https://other-app.example.com").body(START)
                    .when().post(path).then().statusCode(403).body("error", containsString("another site"));
            given().contentType("application/json").header("Origin", "null").body(START)
                    .when().post(path).then().statusCode(403);
            given().contentType("application/json").header("Origin", "http://localhost:" + (port + 1)).body(START)
                    .when().post(path).then().statusCode(403);
            given().contentType("application/json").header("Sec-Fetch-Site", "same-site").body(START)
                    .when().post(path).then().statusCode(403);
            given().contentType("application/json").header("Sec-Fetch-Site", "cross-site").body(START)
                    .when().post(path).then().statusCode(403);
        }
        assertEquals(calls, metrics.runTaskCalls());
    }

    @Test
    void theConsolesOwnPagesAndNonBrowserClientsGetThrough() {
        String self = URI.create(RestAssured.baseURI).getHost();
        given().contentType("application/json").header("Origin", "http://" + self + ":" + port)
                .header("Sec-Fetch-Site", "same-origin").when().post("/api/runs/r-any/cancel").then().statusCode(404);
        given().contentType("application/json; charset=utf-8").when().post("/api/runs/r-any/retry").then()
                .statusCode(404);
    }

    @Test
    void theDemoAnswersOnlyToLoopbackNames() {
        for (String host : List.of("rebind.evil.example", "rebind.evil.example:" + port, "192.168.1.20:" + port)) {
            given().header("Host", host).when().get("/bots").then().statusCode(421)
                    .body(containsString("localhost, 127.0.0.1, [::1]"));
            given().header("Host", host).contentType("application/json").body(START).when().post("/api/runs").then()
                    .statusCode(421);
        }
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port)) {
            given().header("Host", host).when().get("/bots").then().statusCode(200);
        }
    }

    @Test
    void redirectsAreRelative() {
        given().redirects().follow(false).header("Host", "localhost:" + port).when().get("/").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.equalTo("/bots"));
    }

    @Test
    void theDemoQueryEmulatorsRefuseAnUnsignedFormPost() {
        // A cross-site form can post to "/" but cannot sign: the emulators answer as AWS does.
        given().formParam("Action", "GetCallerIdentity").formParam("Version", "2011-06-15").when().post("/").then()
                .statusCode(403).body(containsString("MissingAuthenticationToken"));
    }

    @Test
    void theDemoEmulatorTakesOnlyItsProtocolsContentType() {
        given().header("Content-Type", "text/plain").header("X-Amz-Target",
                "AmazonEC2ContainerServiceV20141113.ListTasks").body("{}".getBytes(StandardCharsets.UTF_8)).when()
                .post("/local/ecs").then().statusCode(415);
        given().header("Content-Type", "application/x-amz-json-1.1").header("X-Amz-Target",
                "AmazonEC2ContainerServiceV20141113.ListTasks")
                .body("{\"cluster\": \"bedrock-chat-demo\"}".getBytes(StandardCharsets.UTF_8)).when().post("/local/ecs")
                .then().statusCode(200);
    }
}
