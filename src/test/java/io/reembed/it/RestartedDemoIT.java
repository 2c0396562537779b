package io.reembed.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import io.reembed.testing.Json;
import io.restassured.RestAssured;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The demo killed ({@code kill -9}) after a run ended and before its events went out, then started
 * again: each event reaches each channel once. Then every page at 800, 1,280 and 1,920 px: no sideways
 * scroll of the page and no table wider than the box that holds it (unless that box scrolls by
 * design); and axe-core's rules with no serious or critical violation.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(2)
class RestartedDemoIT {

    private static final List<Integer> WIDTHS = List.of(800, 1280, 1920);
    private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";

    @Test
    void eventsWrittenBeforeAKillAreDeliveredOnceAndEveryPageFitsEveryWidthAndPassesAxe() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "restarted-demo-data");
        Map<String, String> environment = Map.of("REEMBED_MODE", "demo", "REEMBED_DEMO_DATA_DIR", dataDir.toString(),
                "REEMBED_ECS_EMULATOR_TIME_SCALE", "0.02", "REEMBED_ECS_EMULATOR_TICK", "20ms",
                "REEMBED_RUNS_POLL_INTERVAL", "300ms", "REEMBED_NOTIFY_INTERVAL", "300ms",
                "REEMBED_RUNS_PAGE_UPDATE_INTERVAL", "300ms");
        Map<String, String> notYet = new java.util.HashMap<>(environment);
        // The first copy would look for events to deliver only after ten minutes: it dies before.
        notYet.put("REEMBED_NOTIFY_INTERVAL", "10m");
        String run;
        try (ConsoleProcess first = new ConsoleProcess(notYet, Path.of("target", "it-logs", "restarted", "first"))) {
            first.start();
            run = finishedRun(first.baseUrl());
            assertEquals(List.of("waiting"), RestAssured.given().baseUri(first.baseUrl()).when()
                    .get("/api/runs/" + run + "/events").then().statusCode(200).extract().jsonPath()
                    .<String>getList("events.channels.sns.state").stream().distinct().toList(), "nothing delivered yet");
            first.kill();
        }
        try (ConsoleProcess console = new ConsoleProcess(environment, Path.of("target", "it-logs", "restarted", "second"));
                Chromium chromium = new Chromium(Path.of("target", "screenshots"))) {
            console.start();
            String base = console.baseUrl();
            List<String> ids = Json.await("events of " + run + " delivered", Duration.ofSeconds(30), Duration.ofMillis(100),
                    () -> RestAssured.given().baseUri(base).when().get("/api/runs/" + run + "/events").then()
                            .statusCode(200).extract().asString(),
                    events -> List.of("eventbridge", "sns", "webhook").stream().allMatch(channel -> Json
                            .texts(events, "/events", "/channels/" + channel + "/state").allMatch("delivered"::equals)))
                    .getList("events.event.id");
            String received = RestAssured.given().baseUri(base).when().get("/local/notifications").then().statusCode(200)
                    .extract().asString();
            for (String id : ids) {
                assertEquals(3, received.split("<code>" + id + "</code>", -1).length - 1,
                        id + " reached each of the three channels once");
            }
            List<String> pages = List.of("/bots", "/bots?knowledge=yes&sort=title", "/runs", "/runs/" + run,
                    "/runs/" + run + "?state=FAILED", "/runs/" + run + "/notifications", "/preflight", "/settings",
                    "/restore", "/local/notifications");
            String axe = resource(AXE);
            WebDriver browser = chromium.driver;
            List<String> problems = new ArrayList<>();
            // Each page is loaded once and laid out again at each width (the window resized, as a person would).
            for (String page : pages) {
                browser.manage().window().setSize(new Dimension(WIDTHS.get(0), 1000));
                browser.get(base + page);
                chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.tagName("main")).isEmpty());
                JavascriptExecutor js = (JavascriptExecutor) browser;
                for (int width : WIDTHS) {
                    browser.manage().window().setSize(new Dimension(width, 1000));
                    if (Boolean.TRUE.equals(js.executeScript(
                            "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"))) {
                        problems.add(width + " px " + page + ": the page scrolls sideways ("
                                + js.executeScript("return document.documentElement.scrollWidth;") + " px wide)");
                    }
                    Object clipped = js.executeScript("""
                            return Array.from(document.querySelectorAll('main table')).filter(function (table) {
                              for (var box = table.parentElement; box && box !== document.body; box = box.parentElement) {
                                var overflow = getComputedStyle(box).overflowX;
                                if (overflow === 'auto' || overflow === 'scroll') { return false; }
                              }
                              return table.getBoundingClientRect().right > document.documentElement.clientWidth + 1;
                            }).map(function (table) { return table.id || table.className; });""");
                    if (clipped instanceof List<?> tables && !tables.isEmpty()) {
                        problems.add(width + " px " + page + ": tables past the page's edge " + tables);
                    }
                    if (width == 1280) {
                        js.executeScript(axe);
                        Object violations = ((JavascriptExecutor) browser).executeAsyncScript("""
                                var done = arguments[arguments.length - 1];
                                axe.run(document, { resultTypes: ['violations'] }).then(function (result) {
                                  done(result.violations.filter(function (v) {
                                    return v.impact === 'serious' || v.impact === 'critical';
                                  }).map(function (v) {
                                    return v.impact + ' ' + v.id + ' (' + v.nodes.length + '): '
                                      + v.nodes.slice(0, 2).map(function (n) { return n.target.join(' '); }).join(', ');
                                  }));
                                });""");
                        if (violations instanceof List<?> found && !found.isEmpty()) {
                            problems.add(page + ": axe-core " + found);
                        }
                    }
                }
            }
            assertEquals(List.of(), problems, "pages that do not fit or break accessibility rules");

            operatorStateSurvivesLiveUpdates(chromium, base);
        }
    }

    /**
     * A run page kept up to date by its update stream: only what changed is replaced (parts and rows
     * that did not change are the same elements after many updates), an opened "earlier attempts"
     * stays open while its row changes, focus stays on a focused link, a hidden tab closes its stream
     * and opens it again when shown, a text selection stays (the part it is in waits for it), and
     * slow clicks all land (updates wait for the release).
     */
    private static void operatorStateSurvivesLiveUpdates(Chromium chromium, String base) throws InterruptedException {
        WebDriver browser = chromium.driver;
        JavascriptExecutor js = (JavascriptExecutor) browser;
        List<Map<String, Object>> bots = RestAssured.given().baseUri(base).queryParam("hasKnowledge", "true").when()
                .get("/api/bots").then().statusCode(200).extract().jsonPath().getList("bots");
        List<Map<String, Object>> keys = bots.stream()
                .map(bot -> Map.<String, Object>of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList();
        // One task at a time: bots are being launched, and the page is updated, for a minute or more.
        String slow = RestAssured.given().baseUri(base).contentType("application/json")
                .body(Map.of("bots", keys, "brake", Map.of("after", 0), "maxInFlight", 1)).when().post("/api/runs").then()
                .statusCode(201).extract().path("id");
        browser.manage().window().setSize(new Dimension(1280, 1000));
        browser.get(base + "/runs/" + slow);
        js.executeScript("window.updates = 0; document.addEventListener('reembed:updated', function () { window.updates++; });");
        awaitUpdates(chromium, 2);

        // Updated in place: every element of the live section is marked; after five updates the pager (which did
        // not change) is the same element, the status line is not, and most rows were never replaced.
        js.executeScript("document.querySelectorAll('#run-live *').forEach(function (e) { e.dataset.seen = 'yes'; });");
        awaitUpdates(chromium, 5);
        assertEquals("yes", js.executeScript("return document.getElementById('run-pager').dataset.seen;"),
                "an unchanged part is never replaced");
        chromium.waiting(Duration.ofSeconds(10)).until(d -> ((JavascriptExecutor) d).executeScript(
                "return document.getElementById('run-status').dataset.seen;") == null);
        long kept = (Long) js.executeScript("return document.querySelectorAll('tr.run-bot[data-seen]').length;");
        long rows = (Long) js.executeScript("return document.querySelectorAll('tr.run-bot').length;");
        assertTrue(kept * 2 >= rows && kept < rows, kept + " of " + rows + " rows untouched: only changed rows are replaced");

        // An opened "earlier attempts" stays open while its bot is retried and its row changes: the first bot to end
        // is retried at once (it is launched next, one task at a time), and its row shows its first attempt.
        JsonNode ended = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Json.each(Json.read(
                RestAssured.given().baseUri(base).when().get("/api/runs/" + slow).then().extract().asString()), "/bots")
                .filter(bot -> List.of("SUCCEEDED", "FAILED").contains(Json.text(bot, "/state"))).findFirst().orElse(null),
                java.util.Objects::nonNull);
        RestAssured.given().baseUri(base).contentType("application/json")
                .body(Map.of("bot", Map.of("pk", Json.text(ended, "/pk"), "sk", Json.text(ended, "/sk")))).when()
                .post("/api/runs/" + slow + "/retry").then().statusCode(200);
        chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("details.attempts")).isEmpty());
        String attempts = (String) js.executeScript("var details = document.querySelector('details.attempts');"
                + " details.querySelector('summary').click(); return details.id;");
        String rowId = (String) js.executeScript("return document.getElementById(arguments[0]).closest('tr').id;", attempts);
        js.executeScript("document.getElementById(arguments[0]).dataset.seen = 'before';", rowId);
        chromium.waiting(Duration.ofSeconds(30)).until(d -> ((JavascriptExecutor) d).executeScript(
                "var row = document.getElementById(arguments[0]); return row && row.dataset.seen !== 'before';", rowId));
        assertEquals(Boolean.TRUE, js.executeScript("return document.getElementById(arguments[0]).open;", attempts),
                "the earlier attempts stay open when their row is replaced");

        // Focus on a link in the live section, through three updates.
        js.executeScript("document.querySelector('#run-counts a').focus();");
        String focused = (String) js.executeScript("return document.activeElement.getAttribute('href');");
        awaitUpdates(chromium, 3);
        assertEquals(focused, js.executeScript("return document.activeElement.getAttribute('href');"),
                "the focused link keeps the focus across updates");

        // A hidden tab closes its stream (nothing arrives while hidden); shown again, it opens a new one.
        js.executeScript("Object.defineProperty(document, 'hidden', {value: true, configurable: true});"
                + " document.dispatchEvent(new Event('visibilitychange'));");
        long whileHidden = ((Number) js.executeScript("return window.updates;")).longValue();
        Thread.sleep(1_500);
        assertEquals(whileHidden, ((Number) js.executeScript("return window.updates;")).longValue(),
                "no update reaches a hidden tab");
        js.executeScript("Object.defineProperty(document, 'hidden', {value: false, configurable: true});"
                + " document.dispatchEvent(new Event('visibilitychange'));");
        awaitUpdates(chromium, 2);

        // A selection in the live section holds the part it is in for as long as it lasts.
        js.executeScript("var range = document.createRange(); range.selectNodeContents(document.getElementById('run-progress-label'));"
                + "getSelection().removeAllRanges(); getSelection().addRange(range);");
        String selected = (String) js.executeScript("return getSelection().toString();");
        Thread.sleep(2_000);
        assertEquals(selected, js.executeScript("return getSelection().toString();"), "the selection survives 2 s");
        js.executeScript("getSelection().removeAllRanges();");

        // Twenty slow clicks (pressed 0.7 s each, while two or three updates come) on the counts' first link, which updates
        // replace whenever a bot changes state, below parts that can grow (the click is counted, not followed).
        js.executeScript("window.landed = 0; window.pressed = 0; window.trace = []; document.addEventListener('click', function (e) {"
                + " window.trace.push('click ' + (e.target.closest('#run-counts a') ? 'in' : 'out'));"
                + " if (e.target.closest('#run-counts a')) { e.preventDefault(); e.stopPropagation(); window.landed++; } }, true);"
                + "document.addEventListener('pointerdown', function (e) { if (e.target.closest('#run-counts a')) { window.pressed++; } }, true);"
                + "['pointerdown','pointerup','reembed:updated','reembed:held'].forEach(function (n) {"
                + " document.addEventListener(n, function (e) { window.trace.push(n + (e.detail && e.detail.id ? ' ' + e.detail.id : '')); }); });");
        for (int aimed = 0; ((Number) js.executeScript("return window.pressed;")).longValue() < 20; aimed++) {
            assertTrue(aimed < 40, "40 aims, fewer than 20 presses on the link: " + js.executeScript("return window.trace.join(', ');"));
            awaitUpdates(chromium, 1);
            try {
                // The driver aims, then presses: two steps, between which an update may move the link (a person's
                // aim and press are one). A press that went down beside it is not counted; the next one aims again.
                new org.openqa.selenium.interactions.Actions(browser)
                        .moveToElement(browser.findElement(By.cssSelector("#run-counts a")))
                        .clickAndHold().pause(Duration.ofMillis(700)).release().perform();
            } catch (org.openqa.selenium.StaleElementReferenceException e) {
                // Replaced between finding it and aiming at it, before any press: aim again after the next update.
            }
        }
        String trace = (String) js.executeScript("return window.trace.join(', ');");
        assertEquals(20L, js.executeScript("return window.landed;"), "every slow click pressed on the link landed: " + trace);
        assertTrue(trace.contains("reembed:held run-live"), "updates waited for the release: " + trace);
        RestAssured.given().baseUri(base).contentType("application/json").when().post("/api/runs/" + slow + "/cancel")
                .then().statusCode(200);
    }

    /** Waits for this many more updates of the live section. */
    private static void awaitUpdates(Chromium chromium, int more) {
        JavascriptExecutor js = (JavascriptExecutor) chromium.driver;
        long now = ((Number) js.executeScript("return window.updates;")).longValue();
        chromium.waiting(Duration.ofSeconds(30)).until(d -> ((Number) ((JavascriptExecutor) d)
                .executeScript("return window.updates;")).longValue() >= now + more);
    }

    /** A small run, ended, with a failure among its bots (the demo has bots that fail). */
    private static String finishedRun(String base) {
        List<Map<String, Object>> bots = RestAssured.given().baseUri(base).queryParam("hasKnowledge", "true").when()
                .get("/api/bots").then().statusCode(200).extract().jsonPath().getList("bots");
        List<Map<String, Object>> keys = bots.stream().limit(12)
                .map(bot -> Map.<String, Object>of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList();
        String id = RestAssured.given().baseUri(base).contentType("application/json")
                .body(Map.of("bots", keys, "brake", Map.of("after", 0))).when().post("/api/runs").then().statusCode(201)
                .extract().path("id");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(90)).until(() -> !"RUNNING".equals(Json.text(Json.read(
                RestAssured.given().baseUri(base).when().get("/api/runs/" + id).then().extract().asString()), "/state")));
        return id;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = RestartedDemoIT.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the test classpath (org.webjars.npm:axe-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
