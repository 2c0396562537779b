package io.reembed.it;

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
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The administrator's main flow in a real browser against the packaged demo: find bots, launch
 * the ones with knowledge, watch the run finish live, retry a failure, cancel a second run, and
 * find both runs again after the console was killed and started anew.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(1)
class BrowserFlowIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(120);

    @Test
    void anAdministratorReembedsTheDemoBots() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "e2e-demo-data");
        Map<String, String> environment = Map.ofEntries(
                Map.entry("REEMBED_MODE", "demo"),
                Map.entry("REEMBED_DEMO_DATA_DIR", dataDir.toString()),
                Map.entry("REEMBED_ECS_EMULATOR_TIME_SCALE", "0.06"),
                Map.entry("REEMBED_ECS_EMULATOR_TICK", "20ms"),
                Map.entry("REEMBED_ECS_EMULATOR_MISSING_WINDOW", "300ms"),
                Map.entry("REEMBED_ECS_EMULATOR_MAX_CONCURRENT_TASKS", "12"),
                Map.entry("REEMBED_RUNS_POLL_INTERVAL", "300ms"),
                Map.entry("REEMBED_RUNS_CAPACITY_BACKOFF", "300ms"),
                Map.entry("REEMBED_RUNS_AUTO_RETRY_BACKOFF", "1s"),
                Map.entry("REEMBED_RUNS_MAX_IN_FLIGHT", "16"));
        Path shots = Path.of("target", "screenshots");
        try (ConsoleProcess console = new ConsoleProcess(environment, Path.of("target", "it-logs"));
                Chromium chromium = new Chromium(shots)) {
            console.start();
            String base = console.baseUrl();
            WebDriver browser = chromium.driver;

            // The bot list, filtered by text and by status.
            browser.get(base + "/bots");
            assertEquals("60", text(chromium, By.cssSelector(".summary strong")));
            assertTrue(browser.findElement(By.cssSelector(".masthead")).getText().contains("demo"));
            chromium.screenshot("01-bots");
            browser.findElement(By.id("q")).sendKeys("Kubernetes");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> text(d, By.cssSelector(".summary strong")).equals("2"));
            assertTrue(titles(browser).stream().allMatch(title -> title.contains("Kubernetes")), titles(browser).toString());
            assertTrue(browser.getCurrentUrl().contains("q=Kubernetes"), "the filter is in the address");
            browser.findElement(By.id("q")).clear();
            new Select(browser.findElement(By.name("status"))).selectByValue("FAILED");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> statuses(d).size() > 0 && statuses(d).stream()
                    .allMatch("FAILED"::equals) && !text(d, By.cssSelector(".summary strong")).equals("60"));
            chromium.screenshot("02-bots-failed");

            // Stuck bots: SyncStatus RUNNING or QUEUED while ECS knows no such task running, each with its evidence.
            browser.get(base + "/bots");
            Chromium.click(browser, "preset-stuck");
            chromium.waiting(Duration.ofSeconds(20)).until(d -> !d.findElements(By.cssSelector(".badge.stuck")).isEmpty());
            String stuckRows = browser.findElement(By.cssSelector("table.bots")).getText();
            assertTrue(stuckRows.contains("ECS no longer knows its task") && stuckRows.contains("no task recorded"), stuckRows);
            chromium.screenshot("02c-bots-stuck");
            browser.get(base + "/bots");
            new Select(browser.findElement(By.name("status"))).selectByValue("FAILED");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> statuses(d).size() > 0 && statuses(d).stream()
                    .allMatch("FAILED"::equals) && !text(d, By.cssSelector(".summary strong")).equals("60"));

            // The primary action confirms exactly the bots shown, and Back returns to the same list.
            String shown = text(chromium, By.cssSelector(".summary strong"));
            String primary = text(chromium, By.id("select-filter"));
            assertTrue(primary.equals("Re-embed the " + shown + " shown")
                    || primary.matches("Re-embed \\d+ with knowledge \\(of " + shown + " shown\\)"), primary);
            Chromium.click(browser, "select-filter");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("launch")).isDisplayed());
            int confirmed = Integer.parseInt(browser.findElement(By.id("launch-count")).getText());
            int leftOut = browser.findElements(By.id("excluded-count")).isEmpty() ? 0
                    : Integer.parseInt(browser.findElement(By.id("excluded-count")).getText());
            assertEquals(Integer.parseInt(shown), confirmed + leftOut, "the bots shown, none other");
            assertTrue(browser.getPageSource().contains("SyncStatus FAILED"), "the selection is said in words");
            Chromium.click(browser, "back");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("status=FAILED"));

            // Ticks kept across pages, counted, and what "Re-embed the ticked" confirms.
            browser.get(base + "/bots");
            String tickedFirst = botIdOfRow(browser, 0);
            browser.findElements(By.cssSelector("tr.bot input[name=bot]")).get(0).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> text(d, By.id("ticked-count")).equals("1"));
            assertEquals("Bots", browser.findElement(By.cssSelector(".masthead nav a[aria-current=page]")).getText());
            browser.findElement(By.cssSelector("a[rel=next]")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("page=2"));
            // Paging moves focus to the summary above the new page, not back to the top of the document.
            chromium.waiting(Duration.ofSeconds(10)).until(d -> "results-summary".equals(
                    ((JavascriptExecutor) d).executeScript("return document.activeElement && document.activeElement.id;")));
            assertEquals("1", text(chromium, By.id("ticked-count")), "the tick survives paging");
            String tickedSecond = botIdOfRow(browser, 0);
            browser.findElements(By.cssSelector("tr.bot input[name=bot]")).get(0).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> text(d, By.id("ticked-count")).equals("2"));
            chromium.screenshot("02b-bots-ticked");
            Chromium.click(browser, "select-checked");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("launch")).isDisplayed());
            assertTrue(browser.getPageSource().contains("Selection: 2 selected bots."), "both ticks, from both pages");
            String listed = browser.findElement(By.cssSelector("main")).getText();
            assertTrue(listed.contains(tickedFirst) && listed.contains(tickedSecond), "exactly the ticked bots: " + listed);
            Chromium.click(browser, "back");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("clear-ticked")).isEmpty());
            Chromium.click(browser, "clear-ticked");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> text(d, By.id("ticked-count")).equals("0"));

            // A quick filter, the confirmation, the launch.
            Chromium.click(browser, "preset-knowledge");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("knowledge=yes"));
            Chromium.click(browser, "select-filter");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("launch")).isDisplayed());
            int launching = Integer.parseInt(browser.findElement(By.id("launch-count")).getText());
            assertTrue(browser.getPageSource().contains("bedrock-chat-demo-embedding"), "the ECS settings are shown");
            assertEquals(List.of(), browser.findElements(By.id("excluded-count")), "bots with knowledge: none left out");
            // Preflight on the confirmation: all green but the capacity, which the emulator's 12 tasks hold below max-in-flight.
            assertTrue(text(browser, By.id("check-cluster")).toLowerCase().startsWith("ok"), text(browser, By.id("check-cluster")));
            assertTrue(text(browser, By.id("check-capacity")).contains("the engine keeps to 12 tasks at once"),
                    text(browser, By.id("check-capacity")));
            // The estimate: the demo's task definition is 1 vCPU and 2 GB in us-east-1, so there is a price.
            assertEquals(String.valueOf(launching), text(browser, By.id("estimate-tasks")));
            assertTrue(text(browser, By.id("estimate-cost")).startsWith("$"), text(browser, By.id("estimate-cost")));
            assertTrue(text(browser, By.id("estimate")).contains("Not included: embedding model fees"));
            chromium.screenshot("03-confirm");
            // This run is to end with its few failures: its failure brake off (the brake has a run of its own below).
            browser.findElement(By.id("brake-after")).clear();
            browser.findElement(By.id("brake-after")).sendKeys("0");
            browser.findElement(By.id("launch")).click();

            // Live progress, without a reload, until every bot is finished.
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/runs/r"));
            String firstRun = browser.getCurrentUrl();
            // Back after Launch: the confirmation was a page of its own (post/redirect/get), now launched: the run again,
            // neither "Confirm Form Resubmission" nor a CSRF refusal.
            browser.navigate().back();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().equals(firstRun)
                    && !d.findElements(By.id("run-state")).isEmpty());
            ((JavascriptExecutor) browser).executeScript("document.body.dataset.e2e = 'same page';");
            String firstProgress = text(chromium, By.id("run-progress-label"));
            chromium.waiting(Duration.ofSeconds(30)).until(d -> !text(d, By.id("run-progress-label")).equals(firstProgress));
            assertTrue(browser.getTitle().matches("\\d+/\\d+ · run r\\S+.*"), "the tab's title carries the progress: "
                    + browser.getTitle());
            assertTrue(browser.findElement(By.id("notify-me")).isDisplayed(), "browser notifications are offered, on a click");
            chromium.screenshot("04-run-live");
            chromium.waiting(RUN_TIMEOUT).until(d -> text(d, By.id("run-state")).equals("FINISHED"));
            assertEquals("same page", ((JavascriptExecutor) browser).executeScript("return document.body.dataset.e2e;"),
                    "the run page updated itself through htmx, never reloaded");
            assertEquals(launching + " of " + launching + " done", text(chromium, By.id("run-progress-label")));
            int failed = Integer.parseInt(text(chromium, By.id("count-FAILED")));
            assertTrue(failed > 0, "the demo has bots that fail");
            assertEquals("finished, " + failed + " failed", text(chromium, By.id("run-outcome")), "not a plain FINISHED");
            assertTrue(text(chromium, By.id("run-duration")).startsWith("took "), "how long it took");
            chromium.screenshot("05-run-finished");
            // Failures grouped by kind, each with its advice and "retry all of this kind"; the bot whose first task
            // failed to start was retried automatically and succeeded.
            String kinds = text(chromium, By.id("failure-kinds"));
            assertTrue(kinds.contains("content") && kinds.contains("killed") && kinds.contains("not retried automatically"),
                    kinds);
            assertFalse(browser.findElements(By.id("retry-kind-content")).isEmpty());
            List<Map<String, Object>> retriedByEngine = io.restassured.RestAssured.given().baseUri(base).when()
                    .get("/api/runs/" + id(firstRun)).then().extract().jsonPath()
                    .getList("bots.findAll { it.earlierAttempts.size() > 0 }");
            assertEquals(1, retriedByEngine.size(), "the flaky bot, retried once by the engine: " + retriedByEngine);
            assertEquals("SUCCEEDED", retriedByEngine.get(0).get("state"));
            chromium.screenshot("05b-run-failure-kinds");
            assertEquals(String.valueOf(launching + 1), text(chromium, By.id("actual-tasks")),
                    "every bot's task and the flaky bot's second one");

            // A failed bot, its reason, and a retry.
            browser.get(firstRun + "?state=FAILED");
            String reasons = browser.findElement(By.cssSelector("table.run-bots")).getText();
            assertTrue(reasons.contains("Failed to load https://wiki.example.com/failing-export"), reasons);
            assertTrue(reasons.contains("content: would fail again until the bot's knowledge is fixed"), reasons);
            Chromium.click(browser, "retry-failed");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("confirm-retry")).isDisplayed());
            browser.findElement(By.id("confirm-retry")).click();
            chromium.waiting(RUN_TIMEOUT).until(d -> text(d, By.id("run-state")).equals("FINISHED")
                    && d.findElement(By.cssSelector("table.run-bots")).getText().contains("FAILED"));
            browser.get(firstRun + "?state=FAILED");
            List<WebElement> attempts = browser.findElements(By.cssSelector("tr.run-bot td:nth-child(3)"));
            assertTrue(attempts.stream().allMatch(cell -> cell.getText().equals("2")), "every failed bot was tried again");
            assertTrue(browser.findElement(By.cssSelector(".audit")).getAttribute("textContent").contains("retried"));
            WebElement attemptsOfOne = browser.findElement(By.cssSelector("details.attempts"));
            attemptsOfOne.findElement(By.tagName("summary")).click();
            assertTrue(attemptsOfOne.getText().contains("Attempt 1: FAILED"), "the first attempt is kept: " + attemptsOfOne.getText());

            // Its start and end reached the demo's EventBridge, SNS topic and webhook, each once: the run page says
            // so per channel, and /local/notifications shows what arrived.
            chromium.waiting(Duration.ofSeconds(40)).until(d -> !d.findElements(By.cssSelector("#run-events tr.run-event"))
                    .isEmpty() && d.findElements(By.cssSelector("#run-events td.delivery")).stream().allMatch(cell -> cell.getAttribute("class").contains("delivery-delivered"))
                    && d.findElements(By.cssSelector("#run-events td.delivery")).size()
                            == 3 * d.findElements(By.cssSelector("#run-events tr.run-event")).size());
            int events = browser.findElements(By.cssSelector("#run-events tr.run-event")).size();
            assertTrue(events >= 3, "started, finished, and finished again after the retry: " + events);
            browser.get(base + "/local/notifications");
            List<String> arrived = browser.findElements(By.cssSelector("#received tbody tr")).stream()
                    .map(row -> row.findElements(By.tagName("td")))
                    .filter(cells -> cells.get(2).getText().startsWith(id(firstRun) + "."))
                    .map(cells -> cells.get(1).getText() + " " + cells.get(2).getText()).toList();
            assertEquals(3 * events, arrived.size(), "each event on each of three channels: " + arrived);
            assertEquals(3 * events, new java.util.HashSet<>(arrived).size(), "each channel had each event once: " + arrived);
            chromium.screenshot("05b-notifications");

            // A second run, cancelled midway.
            browser.get(base + "/bots");
            Chromium.click(browser, "preset-all");
            Chromium.click(browser, "select-filter");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("launch")).isDisplayed());
            browser.findElement(By.id("launch")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/runs/r")
                    && !d.getCurrentUrl().equals(firstRun));
            String secondRun = browser.getCurrentUrl();
            chromium.waiting(Duration.ofSeconds(30)).until(d -> Integer.parseInt(text(d, By.id("count-RUNNING")))
                    + Integer.parseInt(text(d, By.id("count-STARTING"))) >= 3);
            Chromium.click(browser, "cancel-run");
            chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("confirm-cancel")).isDisplayed());
            browser.findElement(By.id("confirm-cancel")).click();
            chromium.waiting(RUN_TIMEOUT).until(d -> text(d, By.id("run-state")).equals("CANCELLED"));
            assertTrue(Integer.parseInt(text(chromium, By.id("count-CANCELLED"))) > 0);
            browser.get(secondRun + "?state=CANCELLED");
            chromium.screenshot("06-run-cancelled");
            // Every cancelled bot, through the API (the page shows 50 rows, and a prompt cancel leaves more than that): one
            // whose task was in flight says it was stopped and its task is seen to end; the others never launched. (On a
            // loaded machine the tasks in flight may all have ended by themselves before the cancel was confirmed.)
            List<Map<String, Object>> cancelled = io.restassured.RestAssured.given().baseUri(base).when()
                    .get("/api/runs/" + id(secondRun)).then().extract().jsonPath()
                    .getList("bots.findAll { it.state == 'CANCELLED' }");
            for (Map<String, Object> bot : cancelled) {
                String reason = String.valueOf(bot.get("reason"));
                if (bot.get("taskArn") == null) {
                    assertTrue(reason.startsWith("Not launched: the run was cancelled"), "never launched: " + bot);
                } else {
                    assertTrue(reason.startsWith("Task stopped: the run was cancelled")
                            && "STOPPED".equals(bot.get("lastStatus")), "every paid task is seen to end: " + bot);
                }
            }
            assertTrue(cancelled.stream().anyMatch(bot -> bot.get("taskArn") == null), "the rest never launched: " + cancelled);

            // Killed and started again: both runs are still there.
            console.kill();
            console.start();
            browser.get(base + "/runs");
            String history = browser.findElement(By.cssSelector("table.runs")).getText();
            assertTrue(history.contains(id(firstRun)) && history.contains(id(secondRun)), history);
            assertTrue(history.contains("FINISHED") && history.contains("CANCELLED"), history);
            assertTrue(history.contains("finished, ") && history.contains("cancelled"), "the outcome in words: " + history);
            chromium.screenshot("07-history-after-restart");

            // The bot list at 800 px (RestartedDemoIT measures every page at 800, 1,280 and 1,920 px).
            browser.manage().window().setSize(new Dimension(800, 900));
            browser.get(base + "/bots");
            chromium.screenshot("08-bots-800px");

            // Preflight and Settings: what is checked, and where each value came from.
            browser.manage().window().setSize(new Dimension(1280, 1000));
            browser.get(base + "/settings");
            assertTrue(text(browser, By.id("settings")).contains("EmbeddingClusterName1AE6B05C of BedrockChatStack"));
            chromium.screenshot("09-settings");
            browser.get(base + "/preflight");
            WebElement checkedBefore = browser.findElement(By.id("verdict"));
            browser.findElement(By.id("check-again")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(ExpectedConditions.stalenessOf(checkedBefore));
            assertEquals("Launching is allowed.", text(browser, By.id("verdict")));
            chromium.screenshot("10-preflight");
            browser.get(base + "/bots");
            browser.findElement(By.id("restore-link")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> !d.findElements(By.id("restore-steps")).isEmpty());
            assertTrue(text(browser, By.id("restore-steps")).contains("aws rds restore-db-cluster-from-snapshot"));
            chromium.screenshot("10b-restore");

            // A failed bot's log, kept with the run and read back after the restart.
            browser.get(firstRun + "?state=FAILED");
            browser.findElement(By.cssSelector("a.log-open")).click();
            chromium.waiting(Duration.ofSeconds(10)).until(d -> text(d, By.cssSelector("td.log-cell")).contains("ERROR:__main__:"));
            String failedLog = text(browser, By.cssSelector("td.log-cell"));
            assertTrue(failedLog.contains("Log stream in CloudWatch") && failedLog.contains("exit code"), failedLog);
            chromium.screenshot("11-run-failed-bot-log");
        }
    }

    private static String botIdOfRow(WebDriver browser, int row) {
        return browser.findElements(By.cssSelector("tr.bot td.col-bot code")).get(row).getText();
    }

    private static String id(String runUrl) {
        return runUrl.substring(runUrl.lastIndexOf('/') + 1);
    }

    private static String text(Chromium chromium, By by) {
        return chromium.waiting(Duration.ofSeconds(10)).until(d -> d.findElement(by).getText().trim());
    }

    private static String text(WebDriver driver, By by) {
        return Chromium.text(driver, by);
    }

    private static List<String> titles(WebDriver driver) {
        return driver.findElements(By.cssSelector("td.title > span:first-child")).stream().map(WebElement::getText).toList();
    }

    private static List<String> statuses(WebDriver driver) {
        return driver.findElements(By.cssSelector("tr.bot .status")).stream().map(WebElement::getText).toList();
    }
}
