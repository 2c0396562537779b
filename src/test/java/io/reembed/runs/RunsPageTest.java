package io.reembed.runs;

import static io.reembed.runs.RunTestSupport.awaitEnd;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.zip.GZIPInputStream;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.bots.BotKey;
import io.reembed.bots.BotRef;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.testing.Json;
import io.reembed.web.BrowserSession;
import io.restassured.response.Response;
import io.reembed.runs.service.Selection;

/** The HTML flow: select, confirm, launch once, watch, cancel and retry, with plain forms. */
@QuarkusTest
class RunsPageTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    EngineMetrics metrics;

    @Inject
    ReembedConfig config;

    BrowserSession browser;

    @BeforeEach
    void noCapacityLimit() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        browser = BrowserSession.open();
    }

    /** The live part says only what is true at that moment, and its update stream is silent for longer while paused. */
    @Test
    void aPausedRunShowsNoEtaAndAsksOnceAMinuteACancelledOneSaysItIsStopping() {
        String id = RunTestSupport.startStuckRun(emulator, config);
        given().when().get("/runs/" + id).then().statusCode(200)
                .body(containsString("sse-connect=\"/runs/" + id + "/updates\"")).body(containsString(" · ETA "))
                .body(containsString("id=\"run-updated\" data-beat=\"10\"")).body(containsString("updated 20"))
                .body(not(containsString("id=\"run-outcome\"")))
                .body(containsString("<noscript><meta http-equiv=\"refresh\" content=\"5\"></noscript>"))
                .body(not(containsString("id=\"paused-since\"")));
        given().contentType("application/json").when().post("/api/runs/" + id + "/pause").then().statusCode(200);
        given().when().get("/runs/" + id).then().statusCode(200)
                .body(containsString("data-beat=\"60\"")).body(not(containsString(" · ETA ")))
                .body(containsString("id=\"paused-since\">paused since 20"));
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        given().when().get("/runs/" + id).then().statusCode(200)
                .body(not(containsString(" · ETA "))).body(containsString("id=\"stopping\">stopping"))
                .body(not(containsString("id=\"paused-since\"")));
        // A paused run is not RUNNING: wait for the cancel to end it.
        RunTestSupport.awaitRun(id, run -> "CANCELLED".equals(Json.text(run, "/state")), 60_000);
        given().when().get("/runs/" + id).then().statusCode(200).body(not(containsString("sse-connect")))
                .body(not(containsString("id=\"stopping\""))).body(not(containsString("http-equiv=\"refresh\"")));
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    /** While a run holds a bot, its row on the bot list says so and leads to the run instead of offering a second one. */
    @Test
    void aBotHeldByARunSaysSoOnTheBotList() {
        String id = RunTestSupport.startStuckRun(emulator, config);
        String botId = given().when().get("/api/runs/" + id).then().statusCode(200).extract().path("bots[0].botId");
        given().queryParam("q", botId).when().get("/bots").then().statusCode(200)
                .body(containsString("<a class=\"held\" href=\"/runs/" + id + "\">in run <code class=\"id\">" + id))
                .body(containsString("href=\"/runs/" + id + "\" aria-label=\"the run re-embedding "))
                .body(not(containsString("name=\"only\"")));
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        awaitEnd(id);
        given().queryParam("q", botId).when().get("/bots").then().statusCode(200)
                .body(not(containsString("class=\"held\""))).body(containsString("name=\"only\""));
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    /** A bot whose Knowledge field cannot be read is not shown, nor left out, as a bot without knowledge. */
    @Test
    void unreadableKnowledgeIsItsOwnState() {
        List<Map<String, Object>> bots = given().when().get("/api/bots").then().statusCode(200).extract().jsonPath()
                .getList("bots");
        Map<String, Object> broken = bots.stream().filter(bot -> bot.get("problems").toString()
                .contains("Knowledge.source_urls is not a list")).findFirst().orElseThrow();
        String botId = (String) broken.get("botId");
        given().queryParam("q", botId).when().get("/bots").then().statusCode(200)
                .body(containsString("class=\"knowledge none unreadable\">unreadable</td>"));
        browser.form().formParam("scope", "filter").formParam("q", botId).when().post("/runs/confirm").then()
                .statusCode(200).body(containsString("knowledge unreadable (Title is not a string; "
                        + "Knowledge.source_urls is not a list): fix the bot&#39;s item, then re-embed it"));
    }

    /** Pages, fragments, JSON and reports are sent compressed to a client that accepts it. */
    @Test
    void pagesAndReportsAreCompressedForClientsThatAcceptIt() throws IOException {
        var raw = io.restassured.config.RestAssuredConfig.config().decoderConfig(
                io.restassured.config.DecoderConfig.decoderConfig().noContentDecoders());
        for (String path : List.of("/bots", "/runs", "/api/bots")) {
            byte[] plain = given().config(raw).header("Accept-Encoding", "identity").when().get(path).then()
                    .statusCode(200).extract().asByteArray();
            Response gzipped = given().config(raw).header("Accept-Encoding", "gzip").when().get(path);
            assertEquals("gzip", gzipped.header("Content-Encoding"), path);
            byte[] compressed = gzipped.asByteArray();
            try (GZIPInputStream inflated = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
                String body = new String(inflated.readAllBytes(), StandardCharsets.UTF_8);
                assertEquals(new String(plain, StandardCharsets.UTF_8).length(), body.length(),
                        path + " reads the same once inflated");
            }
            assertTrue(compressed.length < plain.length, path + ": " + compressed.length + " of " + plain.length + " bytes");
        }
        // A live run's refresh: every bot of the demo with knowledge in one run, the fragment htmx asks for each second.
        String id = RunTestSupport.startWithoutBrake(RunTestSupport.botsWithKnowledge(bot -> true));
        byte[] fragment = given().config(raw).header("HX-Request", "true").header("Accept-Encoding", "identity")
                .when().get("/runs/" + id).then().statusCode(200).extract().asByteArray();
        byte[] fragmentGzipped = given().config(raw).header("HX-Request", "true").header("Accept-Encoding", "gzip")
                .when().get("/runs/" + id).then().statusCode(200).extract().asByteArray();
        org.jboss.logging.Logger.getLogger(RunsPageTest.class).infof("A live refresh of a %d-bot run: %d bytes, %d gzipped",
                RunTestSupport.botsWithKnowledge(bot -> true).size(), fragment.length, fragmentGzipped.length);
        assertTrue(fragmentGzipped.length * 4 < fragment.length, fragmentGzipped.length + " of " + fragment.length);
        awaitEnd(id);
    }

    /** Post/redirect/get: the confirmation has an address of its own, so reload and Back never resubmit a form. */
    @Test
    void theConfirmationIsAPageOfItsOwnAndOnceLaunchedLeadsToItsRun() {
        Response posted = browser.form().redirects().follow(false).formParam("scope", "filter").formParam("q", "Asystent")
                .when().post("/runs/confirm");
        assertEquals(303, posted.statusCode());
        String confirmation = posted.header("Location");
        assertTrue(confirmation.matches(".*/runs/confirm/[0-9a-f]{32}"), confirmation);
        String draft = confirmation.substring(confirmation.lastIndexOf('/') + 1);
        for (int reload = 0; reload < 2; reload++) {
            given().redirects().follow(false).when().get("/runs/confirm/" + draft).then().statusCode(200)
                    .body(containsString("Re-embed 1 bot?")).body(containsString("value=\"" + draft + "\""));
        }
        String run = browser.form().redirects().follow(false).formParam("draft", draft).when().post("/runs")
                .header("Location");
        given().redirects().follow(false).when().get("/runs/confirm/" + draft).then().statusCode(303)
                .header("Location", containsString(run.substring(run.indexOf("/runs/"))));
        given().when().get("/runs/confirm/0123456789abcdef0123456789abcdef").then().statusCode(409)
                .body(containsString("Select the bots again"));
        awaitEnd(run.substring(run.lastIndexOf('/') + 1));
    }

    @Test
    void confirmsBeforeLaunchingAndLaunchesOnce() {
        long calls = metrics.runTaskCalls();
        String confirm = browser.form().formParam("scope", "filter").formParam("q", "Asystent")
                .when().post("/runs/confirm").then().statusCode(200)
                .body(containsString("Re-embed 1 bot?")).body(containsString("bedrock-chat-demo-embedding"))
                .body(containsString("at least <strong id=\"estimate-launch\">1 s</strong>")).extract().asString();
        assertEquals(calls, metrics.runTaskCalls(), "nothing is launched before it is confirmed");
        String draft = find(confirm, "name=\"draft\" value=\"([0-9a-f]+)\"");

        Response launched = browser.form().redirects().follow(false).formParam("draft", draft).when().post("/runs");
        assertEquals(303, launched.statusCode());
        String location = launched.header("Location");
        String again = browser.form().redirects().follow(false).formParam("draft", draft).when().post("/runs").header("Location");
        assertEquals(location, again, "a second click shows the same run and starts nothing");

        String id = location.substring(location.lastIndexOf('/') + 1);
        awaitEnd(id);
        given().when().get("/runs/" + id).then().statusCode(200)
                .body(containsString("Asystent księgowości – zażółć gęślą jaźń"))
                .body(containsString("id=\"run-state\" class=\"state state-FINISHED\""))
                .body(containsString("finished, all succeeded")).body(containsString("took "))
                .body(containsString("class=\"segment-succeeded\""))
                .body(containsString("the bots shown with the filter: text &quot;Asystent&quot;"))
                .body(not(containsString("sse-connect")));
        given().when().get("/runs").then().statusCode(200).body(containsString(id))
                .body(containsString("finished, all succeeded")).body(containsString("1 succeeded, 0 failed"));
        assertEquals(calls + 1, metrics.runTaskCalls(), "one RunTask for one bot");
    }

    @Test
    void thePrimaryActionConfirmsExactlyTheBotsShownAndBackKeepsTheList() {
        String list = given().queryParam("status", "FAILED").queryParam("sort", "title").when().get("/bots").then()
                .statusCode(200).extract().asString();
        int shown = Integer.parseInt(find(list, "<strong>(\\d+)</strong> of 60 bots match"));
        assertTrue(list.contains("Re-embed the " + shown + " shown") || list.contains(" with knowledge (of " + shown + " shown)"),
                "the primary action names what is shown");
        // Unfiltered, the primary action says how many of the bots shown it launches: those with knowledge.
        String all = given().when().get("/bots").then().statusCode(200).extract().asString();
        int withKnowledge = given().queryParam("hasKnowledge", "true").when().get("/api/bots")
                .then().statusCode(200).extract().jsonPath().getList("bots").size();
        assertTrue(all.contains("Re-embed " + withKnowledge + " with knowledge (of 60 shown)"), "the count launched");
        assertTrue(all.contains("include the " + (60 - withKnowledge) + " without knowledge"));

        String confirm = browser.form().formParam("scope", "filter").formParam("status", "FAILED")
                .formParam("sort", "title").formParam("dir", "asc").formParam("includeWithoutKnowledge", "true")
                .when().post("/runs/confirm").then().statusCode(200)
                .body(containsString("Selection: the bots shown with the filter: SyncStatus FAILED."))
                .body(containsString("href=\"/bots?status=FAILED&amp;sort=title&amp;dir=asc\"")).extract().asString();
        assertEquals(shown, Integer.parseInt(find(confirm, "id=\"launch-count\">(\\d+)<")), "exactly the bots shown");

        browser.form().formParam("scope", "filter").formParam("q", "no bot has this title").when().post("/runs/confirm")
                .then().statusCode(400).body(containsString("No bot matches the filter text &quot;no bot has this title&quot;."));
    }

    @Test
    void aBotAlreadyBeingReembeddedIsNamedWithItsRun() {
        String busy = RunTestSupport.startStuckRun(emulator, config);
        var bot = given().when().get("/api/runs/" + busy).then().extract().jsonPath();
        String ref = BotRef.of(new BotKey(bot.getString("bots[0].pk"), bot.getString("bots[0].sk")));

        browser.form().formParam("scope", "checked").formParam("bot", ref).when().post("/runs/confirm").then()
                .statusCode(200).body(containsString("already being re-embedded in run <a href=\"/runs/" + busy + "\">"));
        given().contentType("application/json").when().post("/api/runs/" + busy + "/cancel").then().statusCode(200);
    }

    @Test
    void presetsLeaveOutBotsWithoutKnowledgeUnlessAsked() {
        String withKnowledge = browser.form().formParam("scope", "filter").when().post("/runs/confirm").then()
                .statusCode(200).extract().asString();
        int launch = Integer.parseInt(find(withKnowledge, "id=\"launch-count\">(\\d+)<"));
        int excluded = Integer.parseInt(find(withKnowledge, "id=\"excluded-count\">(\\d+)<"));
        assertEquals(60, launch + excluded);
        assertTrue(withKnowledge.contains("without knowledge"));

        String insisted = browser.form().formParam("scope", "filter").formParam("includeWithoutKnowledge", "true")
                .when().post("/runs/confirm").then().statusCode(200).extract().asString();
        assertTrue(Integer.parseInt(find(insisted, "id=\"launch-count\">(\\d+)<")) > launch);
    }

    @Test
    void aLiveRunListensForItsUpdatesAndOffersCancel() {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).stuckFraction(1.0).build());
        String confirm = browser.form().formParam("scope", "filter").formParam("q", "Kubernetes").when().post("/runs/confirm")
                .then().statusCode(200).extract().asString();
        String location = browser.form().redirects().follow(false).formParam("draft", find(confirm, "name=\"draft\" value=\"([0-9a-f]+)\""))
                .when().post("/runs").header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        String fragment = given().header("HX-Request", "true").when().get("/runs/" + id).then().statusCode(200)
                .extract().asString();
        assertTrue(fragment.strip().startsWith("<section id=\"run-live\""), fragment.substring(0, 60));
        assertTrue(fragment.contains("sse-connect=\"/runs/" + id + "/updates\""), "a live run listens for its updates");
        assertTrue(!fragment.contains("<html"));
        given().queryParam("state", "DONE").when().get("/runs/" + id).then().statusCode(400)
                .body(containsString("Unknown state &quot;DONE&quot;"));

        given().when().get("/runs").then().statusCode(200).body(containsString("hx-trigger=\"every 2s\""));
        given().when().get("/runs/" + id + "/cancel").then().statusCode(200).body(containsString("Cancel the run"));
        browser.form().redirects().follow(false).when().post("/runs/" + id + "/cancel").then().statusCode(303);
        awaitEnd(id);
        given().header("HX-Request", "true").when().get("/runs/" + id).then()
                .body(containsString("state-CANCELLED")).body(not(containsString("hx-trigger")));

        // A cancelled bot is offered for a retry, unticked; ticking nothing retries nothing.
        String retry = given().when().get("/runs/" + id + "/retry").then().statusCode(200).extract().asString();
        String ref = find(retry, "name=\"bot\" value=\"([^\"]+)\">");
        browser.form().formParam("chosen", "true").when().post("/runs/" + id + "/retry").then().statusCode(409)
                .body(containsString("No bot was ticked"));
        browser.form().redirects().follow(false).formParam("chosen", "true").formParam("bot", ref)
                .when().post("/runs/" + id + "/retry").then().statusCode(303);
        given().when().get("/api/runs/" + id).then().body("bots[0].attempts", org.hamcrest.Matchers.is(2))
                .body("bots[0].earlierAttempts[0].state", org.hamcrest.Matchers.is("CANCELLED"));
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel");
    }

    @Test
    void refusesBadSelectionsWithAClearMessage() {
        long calls = metrics.runTaskCalls();
        browser.form().formParam("scope", "checked").formParam("bot", "not-a-ref").when().post("/runs/confirm").then()
                .statusCode(400).body(containsString("malformed"));
        String forged = BotRef.of(new BotKey("someone", "someone#BOT#FORGED"));
        browser.form().formParam("scope", "checked").formParam("bot", forged).when().post("/runs/confirm").then()
                .statusCode(400).body(containsString("not in the table")).body(containsString("Nothing was launched"));
        browser.form().formParam("scope", "checked").when().post("/runs/confirm").then().statusCode(400)
                .body(containsString("Nothing was selected"));
        browser.form().when().post("/runs/confirm").then().statusCode(400).body(containsString("Choose what to re-embed"));
        browser.form().formParam("draft", "feedbeef").when().post("/runs").then().statusCode(409)
                .body(containsString("expired"));
        given().when().get("/runs/r-nope").then().statusCode(404);

        given().when().get("/runs/r-nope/retry").then().statusCode(404);
        browser.form().when().post("/runs/r-nope/cancel").then().statusCode(404);
        assertEquals(calls, metrics.runTaskCalls());
    }

    private static String find(String html, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(html);
        assertTrue(matcher.find(), "no match for " + regex);
        return matcher.group(1);
    }

    @Test
    void aContainerThatHasExitedShowsItsExitCodeBeforeTheTaskIsStopped() {
        // Slow enough that the task's teardown (DEACTIVATING to DEPROVISIONING) lasts a few polls.
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).timeScale(0.15)
                .build());
        try {
            String id = RunTestSupport.start(RunTestSupport.botsWithKnowledge(bot -> !bot.get("sourceUrls").toString()
                    .contains("example.com/fail") && !bot.get("sourceUrls").toString().contains("out-of-memory")
                    && !bot.get("sourceUrls").toString().contains("flaky")).subList(0, 1));
            var finishing = RunTestSupport.awaitRun(id, run -> "RUNNING".equals(Json.text(run, "/bots/0/state"))
                    && java.util.List.of("DEACTIVATING", "STOPPING", "DEPROVISIONING")
                            .contains(Json.text(run, "/bots/0/lastStatus")), 60_000);
            org.junit.jupiter.api.Assertions.assertEquals(0, finishing.getInt("bots[0].exitCode"),
                    "the container's exit code, before the task is STOPPED");
            RunTestSupport.awaitEnd(id);
        } finally {
            RunTestSupport.withoutCapacityLimit(emulator, config);
        }
    }
}
