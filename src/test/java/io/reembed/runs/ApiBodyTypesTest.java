package io.reembed.runs;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.runs.engine.EngineMetrics;

/** Every field of every API body is read with its JSON type: a wrong one is a 400 naming it, and nothing happens. */
@QuarkusTest
class ApiBodyTypesTest {

    private record Case(String method, String path, String body, String field) {
    }

    private static final List<Case> CASES = List.of(
            new Case("POST", "/api/runs", "{\"filter\": {\"hasKnowledge\": \"maybe\"}}", "hasKnowledge"),
            new Case("POST", "/api/runs", "{\"filter\": {\"hasKnowledge\": \"true\"}}", "hasKnowledge"),
            new Case("POST", "/api/runs", "{\"filter\": {\"q\": 42}}", "q"),
            new Case("POST", "/api/runs", "{\"filter\": {\"status\": [\"FAILED\"]}}", "status"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"includeWithoutKnowledge\": \"yes\"}", "includeWithoutKnowledge"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"includeWithoutKnowledge\": 1}", "includeWithoutKnowledge"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"maxInFlight\": \"5\"}", "maxInFlight"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"maxInFlight\": 2.5}", "maxInFlight"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"brake\": {\"after\": \"10\"}}", "after"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"brake\": {\"percent\": true}}", "percent"),
            new Case("POST", "/api/runs", "{\"filter\": {}, \"brake\": 10}", "brake"),
            new Case("POST", "/api/runs", "{\"bots\": [{\"pk\": 1, \"sk\": \"x\"}]}", "pk"),
            new Case("POST", "/api/runs", "{\"bots\": {\"pk\": \"a\", \"sk\": \"x\"}}", "bots"),
            new Case("POST", "/api/runs?dryRun=true", "{\"filter\": {\"hasKnowledge\": 0}}", "hasKnowledge"),
            new Case("PATCH", "/api/runs/r-any", "{\"maxInFlight\": \"many\"}", "maxInFlight"),
            new Case("POST", "/api/runs/r-any/retry", "{\"kind\": 3}", "kind"),
            new Case("POST", "/api/runs/r-any/retry", "{\"bot\": \"x\"}", "bot"),
            new Case("PATCH", "/api/engine/limits", "{\"runTaskRate\": \"fast\"}", "runTaskRate"),
            new Case("PATCH", "/api/engine/limits", "{\"maxInFlight\": true}", "maxInFlight"));

    @Inject
    EngineMetrics metrics;

    @Test
    void aWrongJsonTypeIsRefusedNamingItsField() {
        long calls = metrics.runTaskCalls();
        for (Case c : CASES) {
            try {
                given().contentType("application/json").body(c.body()).when().request(c.method(), c.path()).then()
                        .statusCode(400).body("error", containsString(c.field()));
            } catch (AssertionError e) {
                throw new AssertionError(c + ": " + e.getMessage(), e);
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(calls, metrics.runTaskCalls(), "nothing launched");
    }
}
