package io.reembed.it;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Watching and steering a run in a real browser against the packaged demo, its tasks slow enough to
 * be watched: a running bot's log grows in place, the failure brake pauses a run of failing bots
 * and says why, resume, pause and cancel are confirmed and audited, and a page whose console went
 * away says so instead of going on as if live. The console runs with Quarkus' JSON logging switched
 * on: every log line it wrote, from its start to its stop, is one JSON object.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(4)
class LiveSteeringIT {

    @Test
    void anAdministratorWatchesAndSteersARun() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "steering-demo-data");
        Map<String, String> environment = Map.of(
                "REEMBED_MODE", "demo",
                "REEMBED_DEMO_DATA_DIR", dataDir.toString(),
                "REEMBED_ECS_EMULATOR_TIME_SCALE", "0.4",
                "REEMBED_ECS_EMULATOR_TICK", "20ms",
                "REEMBED_ECS_EMULATOR_MISSING_WINDOW", "300ms",
                "REEMBED_RUNS_POLL_INTERVAL", "300ms",
                "REEMBED_LOGS_LIVE_POLL_INTERVAL", "500ms",
                "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        try (ConsoleProcess console = new ConsoleProcess(environment, Path.of("target", "it-logs", "steering"));
                Chromium chromium = new Chromium(Path.of("target", "screenshots"))) {
            console.start();
            String base = console.baseUrl();
            WebDriver browser = chromium.driver;

            // A running bot's log grows while it is watched, without a reload.
            Map<String, Object> bot = given().baseUri(base).queryParam("hasKnowledge", "true")
                    .when().get("/api/bots").then().statusCode(200).extract().jsonPath().<Map<String, Object>>getList("bots")
                    .stream().filter(b -> b.get("sourceUrls").toString().matches("\\[(https://docs[^,\\]]*(, )?)+\\]"))
                    .findFirst().orElseThrow();
            String runId = given().baseUri(base).contentType("application/json")
                    .body(Map.of("bots", List.of(Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))))).when()
                    .post("/api/runs").then().statusCode(201).extract().path("id");
            browser.get(base + "/runs/" + runId);
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true;");
            chromium.waiting(Duration.ofSeconds(30)).until(d -> Chromium.text(d, By.cssSelector("tr.run-bot")).contains("RUNNING"));
            browser.findElement(By.cssSelector("a.log-open")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector(".live-badge")).isEmpty());
            chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("ol.log-lines li")).isEmpty());
            int linesWhileRunning = browser.findElements(By.cssSelector("ol.log-lines li")).size();
            chromium.screenshot("12-run-live-log");
            chromium.waiting(Duration.ofSeconds(60)).until(d -> Chromium.text(d, By.cssSelector("td.log-cell"))
                    .contains("Successfully inserted"));
            int linesAtTheEnd = browser.findElements(By.cssSelector("ol.log-lines li")).size();
            assertTrue(linesAtTheEnd > linesWhileRunning, linesWhileRunning + " lines while running, " + linesAtTheEnd
                    + " at the end");
            assertEquals(Boolean.TRUE, ((JavascriptExecutor) browser).executeScript("return window.notReloaded === true;"),
                    "the log grew in place, the page was not reloaded");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector(".live-badge")).isEmpty());

            // The failure brake: two failing bots first, two tasks at a time, the brake after 2 bots at 20 %.
            List<Map<String, Object>> knowledge = given().baseUri(base)
                    .queryParam("hasKnowledge", "true").when().get("/api/bots").then().statusCode(200).extract()
                    .jsonPath().getList("bots");
            List<Map<String, Object>> picked = new java.util.ArrayList<>();
            knowledge.stream().filter(b -> b.get("sourceUrls").toString().contains("failing-export")).limit(2)
                    .forEach(picked::add);
            knowledge.stream().filter(b -> !b.get("sourceUrls").toString().contains("fail")
                    && !b.get("sourceUrls").toString().contains("out-of-memory")).limit(6).forEach(picked::add);
            String braked = given().baseUri(base).contentType("application/json")
                    .body(Map.of("bots", picked.stream().map(b -> Map.of("pk", b.get("pk"), "sk", b.get("sk"))).toList(),
                            "brake", Map.of("after", 2, "percent", 20), "maxInFlight", 2))
                    .when().post("/api/runs").then().statusCode(201).extract().path("id");
            browser.get(base + "/runs/" + braked);
            chromium.waiting(Duration.ofSeconds(60)).until(d -> !d.findElements(By.id("paused-note")).isEmpty());
            String note = Chromium.text(browser, By.id("paused-note"));
            assertTrue(note.contains("failure brake: ") && note.contains("× Embedding failed: Failed to load"), note);
            assertEquals("PAUSED", Chromium.text(browser, By.id("run-state")));
            chromium.screenshot("13-run-braked");

            // Resume (confirmed), then pause by hand (confirmed), then cancel.
            Chromium.click(browser, "resume-run");
            browser.findElement(By.id("confirm-resume")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("pause-run")).isEmpty());
            Chromium.click(browser, "pause-run");
            browser.findElement(By.id("confirm-pause")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> Chromium.text(d, By.id("paused-note")).contains("paused by "));
            Chromium.click(browser, "cancel-run");
            browser.findElement(By.id("confirm-cancel")).click();
            chromium.waiting(Duration.ofSeconds(60)).until(d -> Chromium.text(d, By.id("run-state")).equals("CANCELLED"));
            String audit = browser.findElement(By.cssSelector("details.audit")).getAttribute("textContent");
            assertTrue(audit.contains("failure brake paused") && audit.contains("resumed") && audit.contains("cancelled"),
                    audit);

            // The console goes away while a run's page is open: the page says so instead of going on as if live.
            String watched = given().baseUri(base).contentType("application/json")
                    .body(Map.of("bots", picked.stream().map(b -> Map.of("pk", b.get("pk"), "sk", b.get("sk"))).toList(),
                            "maxInFlight", 1))
                    .when().post("/api/runs").then().statusCode(201).extract().path("id");
            browser.get(base + "/runs/" + watched);
            chromium.waiting(Duration.ofSeconds(10)).until(d -> !Chromium.text(d, By.id("run-updated")).isEmpty());
            assertFalse(browser.findElement(By.id("connection-lost")).isDisplayed());
            console.close();
            long stopped = System.nanoTime();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("connection-lost")).isDisplayed());
            assertTrue(System.nanoTime() - stopped < 10_000_000_000L, "the banner within 10 s of the console stopping");
            chromium.screenshot("14-run-connection-lost");
            everyLogLineIsAJsonObject(console.output());
        }
    }

    private static void everyLogLineIsAJsonObject(String output) throws Exception {
        ObjectMapper json = new ObjectMapper();
        // Everything logged is JSON; the JVM may still print a plain line of its own.
        List<String> logged = output.lines().filter(line -> line.startsWith("{")).toList();
        assertTrue(logged.size() >= 3, "log lines as JSON objects:\n" + output);
        boolean seededDemo = false;
        for (String line : logged) {
            JsonNode entry = json.readTree(line);
            assertTrue(entry.has("message") && entry.has("level") && entry.has("loggerName"), line);
            seededDemo |= entry.path("message").asText().contains("demo");
        }
        assertTrue(seededDemo, "the console's own lines are among them:\n" + output);
        assertTrue(output.lines().noneMatch(line -> line.matches("^\\d{4}-\\d{2}-\\d{2} .*(INFO|WARN|ERROR) .*")),
                "no plain-text log line:\n" + output);
    }
}
