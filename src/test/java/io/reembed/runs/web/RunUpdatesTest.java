package io.reembed.runs.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.runs.RunTestSupport;
import io.reembed.testing.Json;

/** The run page's update stream: everything once, then only what changed, quiet while paused, closed at the end. */
@QuarkusTest
class RunUpdatesTest {

    private static final List<String> PARTS = List.of("run-status", "run-updated", "run-bar", "run-notes", "run-costs",
            "failure-kinds", "run-counts", "run-actions", "run-pager");

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Inject
    ObjectMapper json;

    @BeforeEach
    void noCapacityLimit() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    @Test
    void aPageGetsEveryPartOnceThenOnlyWhatChangedAndTheEnd() throws Exception {
        // Tasks of a second or so, one at a time, the page told what changed four times a second: bots change one by one.
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).timeScale(0.03).build());
        List<Map<String, Object>> bots = RunTestSupport.keysOfBotsWithKnowledge(4);
        String id = RunTestSupport.start(bots, Map.of("brake", Map.of("after", 0), "maxInFlight", 1));
        List<RunPageUpdate> updates = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        try (UpdateStream stream = new UpdateStream("/runs/" + id + "/updates")) {
            assertEquals(200, stream.status());
            assertTrue(stream.contentType().startsWith("text/event-stream"), stream.contentType());
            UpdateStream.Event event;
            while ((event = stream.next(Duration.ofSeconds(90))) != null && event.name() != null
                    && !"end".equals(event.name())) {
                assertEquals("update", event.name());
                updates.add(json.readValue(event.data(), RunPageUpdate.class));
                sizes.add(event.data().length());
            }
            assertNotNull(event, "the stream ends when the run does");
            assertEquals("end", event.name(), "the last event says the run has ended");
            assertNull(stream.next(Duration.ofSeconds(10)).name(), "then the server closes the stream");
        }
        RunPageUpdate first = updates.get(0);
        PARTS.forEach(part -> assertTrue(first.parts().contains("id=\"" + part + "\""), part + " in the first update"));
        assertEquals(4, first.order().size(), "every row, in order: " + first.order());
        assertEquals(4, count(first.rows(), "<tr class=\"run-bot "), "every row's markup");

        List<RunPageUpdate> later = updates.subList(1, updates.size());
        assertFalse(later.isEmpty());
        assertTrue(later.stream().noneMatch(update -> update.parts().contains("id=\"run-pager\"")),
                "the pager never changed, and was never sent again");
        // The stamp says the second: every update of a second the page has not shown carries it.
        long shownSecond = first.at() / 1000;
        for (RunPageUpdate update : later) {
            boolean stamped = update.parts().contains("id=\"run-updated\"");
            assertTrue(stamped || update.at() / 1000 == shownSecond, "an update in a new second without its stamp");
            shownSecond = stamped ? update.at() / 1000 : shownSecond;
        }
        // A row is sent again only when its markup changed, however late a tick runs.
        Map<String, String> shown = new java.util.HashMap<>(botRows(first.rows()));
        for (RunPageUpdate update : later) {
            botRows(update.rows()).forEach((rowId, markup) -> {
                assertFalse(markup.equals(shown.get(rowId)), "a row sent again unchanged: " + rowId);
                shown.put(rowId, markup);
            });
        }
        RunPageUpdate last = updates.get(updates.size() - 1);
        assertTrue(updates.stream().anyMatch(update -> update.parts().contains("state-FINISHED")), "the end is shown");
        assertTrue(last.at() >= first.at());
        double average = sizes.subList(1, sizes.size()).stream().mapToInt(Integer::intValue).average().orElse(0);
        RunTestSupport.withoutCapacityLimit(emulator, config);
        System.out.printf("update stream, 4 bots: first %d bytes, then %d updates of %.0f bytes on average%n",
                sizes.get(0), sizes.size() - 1, average);
        assertTrue(average < sizes.get(0), "later updates are smaller than the first: " + sizes);
    }

    @Test
    void aPausedRunsStreamIsQuiet() throws Exception {
        // Three bots, one at a time, whose tasks never start: paused at once, its one task is stopped as stuck,
        // then nothing is in flight and nothing is launched, and two bots wait.
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).stuckFraction(1.0)
                .build());
        String id = RunTestSupport.start(RunTestSupport.keysOfBotsWithKnowledge(3), Map.of("maxInFlight", 1));
        given().contentType("application/json").when().post("/api/runs/" + id + "/pause").then().statusCode(200);
        RunTestSupport.awaitRun(id, run -> Json.texts(run, "/bots", "/state")
                .noneMatch(state -> List.of("LAUNCHING", "STARTING", "RUNNING").contains(state)), 60_000);
        try (UpdateStream stream = new UpdateStream("/runs/" + id + "/updates")) {
            UpdateStream.Event first = stream.next(Duration.ofSeconds(10));
            assertEquals("update", first.name());
            assertTrue(first.data().contains("paused since"), first.data());
            assertTrue(first.data().contains("data-beat=\\\"60\\\""), "a paused run's beat is a minute");
            assertNull(stream.next(Duration.ofMillis(1500)), "six ticks, nothing changes while paused: nothing is sent");
        }
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then().statusCode(200);
        RunTestSupport.awaitRun(id, run -> "CANCELLED".equals(Json.text(run, "/state")), 60_000);
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    /** Compressed for a browser that accepts gzip, each update flushed as it is sent: the first one inflates at once. */
    @Test
    void theStreamIsCompressedAndEachUpdateArrivesWhole() throws Exception {
        String id = RunTestSupport.startStuckRun(emulator, config);
        var response = UpdateStream.open("/runs/" + id + "/updates", "gzip", java.net.http.HttpResponse.BodyHandlers.ofInputStream());
        try (java.io.InputStream body = response.body()) {
            assertEquals("gzip", response.headers().firstValue("Content-Encoding").orElse(""));
            var lines = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(body),
                    java.nio.charset.StandardCharsets.UTF_8));
            assertEquals("event:update", lines.readLine());
            assertTrue(lines.readLine().startsWith("data:{\"parts\""));
        }
        endRun(id);
    }

    @Test
    void anUnknownRunOrFilterIsRefusedBeforeAnyStream() {
        given().when().get("/runs/r20200101-000000-nosuch/updates").then().statusCode(404);
        String id = RunTestSupport.startStuckRun(emulator, config);
        given().queryParam("state", "DONE").when().get("/runs/" + id + "/updates").then().statusCode(400);
        endRun(id);
    }

    /** Cancels the run unless its stuck task, stopped, already ended it. */
    private void endRun(String id) {
        given().contentType("application/json").when().post("/api/runs/" + id + "/cancel").then()
                .statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(409)));
        RunTestSupport.awaitRun(id, run -> !List.of("RUNNING", "PAUSED").contains(Json.text(run, "/state")), 60_000);
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }

    /** The bots' rows of an update by id (their log rows left out). */
    private static Map<String, String> botRows(String html) {
        Map<String, String> rows = new java.util.LinkedHashMap<>();
        var matcher = java.util.regex.Pattern.compile("(?s)<tr class=\"run-bot [^\"]*\" id=\"([^\"]+)\".*?</tr>")
                .matcher(html);
        while (matcher.find()) {
            rows.put(matcher.group(1), matcher.group());
        }
        return rows;
    }

    private static int count(String html, String marker) {
        return html.isEmpty() ? 0 : html.split(java.util.regex.Pattern.quote(marker), -1).length - 1;
    }
}
