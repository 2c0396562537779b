package io.reembed.preflight;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.reembed.web.BrowserSession;

/**
 * "Check again" posted in a loop once ran preflight 17 times a second (about 170 AWS calls a
 * second): within reembed.preflight.min-check-interval the last report is shown, AWS is not asked.
 */
@QuarkusTest
@TestProfile(PreflightIntervalTest.TwoSeconds.class)
class PreflightIntervalTest {

    public static class TwoSeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("reembed.preflight.min-check-interval", "2s");
        }
    }

    @Inject
    Preflight preflight;

    @Test
    void checkAgainRunsAtMostOncePerInterval() throws InterruptedException {
        BrowserSession browser = BrowserSession.open();
        java.util.TreeSet<java.time.Instant> reports = new java.util.TreeSet<>();
        reports.add(preflight.checkAgain().at());
        for (int i = 0; i < 20; i++) {
            browser.form().redirects().follow(false).when().post("/preflight/check-again").then().statusCode(303);
            reports.add(preflight.report().at());
            browser.form().redirects().follow(false).when().post("/settings/read-again").then().statusCode(303);
            reports.add(preflight.report().at());
        }
        // However slowly the presses came, no two checks were made less than the interval apart.
        java.time.Instant previous = null;
        for (java.time.Instant at : reports) {
            if (previous != null) {
                assertTrue(java.time.Duration.between(previous, at).compareTo(java.time.Duration.ofSeconds(2)) >= 0,
                        "checks at " + reports);
            }
            previous = at;
        }
        assertTrue(reports.size() <= 1 + 40 / 2, "40 presses made " + reports.size() + " checks");
        PreflightReport last = preflight.report();
        Thread.sleep(Math.max(0, java.time.Duration.between(java.time.Instant.now(), last.at().plusSeconds(2)).toMillis() + 100));
        assertNotSame(last, preflight.checkAgain(), "after the interval, checked again");
        given().when().get("/preflight").then().statusCode(200);
    }
}
