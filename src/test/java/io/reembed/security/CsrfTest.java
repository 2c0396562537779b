package io.reembed.security;

import static io.reembed.runs.RunTestSupport.startStuckRun;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.web.BrowserSession;

/** Every state-changing request needs this console's anti-CSRF token; without it, nothing changes. */
@QuarkusTest
class CsrfTest {

    @Inject
    EngineMetrics metrics;

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    BrowserSession browser;

    @BeforeEach
    void openThePage() {
        browser = BrowserSession.open();
    }

    @Test
    void aFormPostWithoutAValidTokenIsRefused() {
        given().formParam("scope", "filter").when().post("/runs/confirm").then().statusCode(403)
                .body(containsString("Nothing was changed"));
        given().cookie(BrowserSession.COOKIE, browser.cookie()).formParam("scope", "filter")
                .when().post("/runs/confirm").then().statusCode(403);
        given().formParam("csrf", browser.token()).formParam("scope", "filter")
                .when().post("/runs/confirm").then().statusCode(403);
        // A pair made up by someone without the signing key: the cookie must be the token signed.
        String forged = browser.token().replace(browser.token().charAt(0), browser.token().charAt(0) == 'A' ? 'B' : 'A');
        given().cookie(BrowserSession.COOKIE, forged).formParam("csrf", forged).formParam("scope", "filter")
                .when().post("/runs/confirm").then().statusCode(403);
        given().cookie(BrowserSession.COOKIE, browser.token()).formParam("csrf", browser.token())
                .formParam("scope", "filter").when().post("/runs/confirm").then().statusCode(403);
        String other = BrowserSession.open().token();
        given().cookie(BrowserSession.COOKIE, browser.cookie()).formParam("csrf", other)
                .formParam("scope", "filter").when().post("/runs/confirm").then().statusCode(403);

        browser.form().formParam("scope", "filter").when().post("/runs/confirm").then().statusCode(200);
    }

    @Test
    void htmxSendsTheTokenAsAHeader() {
        given().cookie(BrowserSession.COOKIE, browser.cookie()).header("X-CSRF-Token", browser.token())
                .header("HX-Request", "true").formParam("scope", "filter")
                .when().post("/runs/confirm").then().statusCode(200);
    }

    @Test
    void aForgedCancelChangesNothing() {
        String id = startStuckRun(emulator, config);

        given().redirects().follow(false).when().post("/runs/" + id + "/cancel").then().statusCode(403);
        given().when().get("/api/runs/" + id).then().body("cancelRequested", org.hamcrest.Matchers.is(false));

        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
    }

    @Test
    void theJsonApiTakesNoCrossSiteFormPost() {
        long calls = metrics.runTaskCalls();
        given().formParam("bots", "x").when().post("/api/runs").then().statusCode(415);
        given().contentType("text/plain").body("{\"filter\": {}}").when().post("/api/runs").then().statusCode(415);
        given().contentType("text/plain").when().post("/api/runs/r-any/cancel").then().statusCode(415);
        given().formParam("a", "b").when().post("/api/runs/r-any/retry").then().statusCode(415);
        assertEquals(calls, metrics.runTaskCalls());
    }
}
