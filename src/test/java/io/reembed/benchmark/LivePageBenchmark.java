package io.reembed.benchmark;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.web.UpdateStream;
import io.restassured.config.DecoderConfig;
import io.restassured.config.RestAssuredConfig;

/**
 * What a run page costs the network while it watches a live run, at 44 and at 3,000 bots: the
 * live fragment a poll fetched each second (plain and gzipped), against the update stream's bytes
 * over 30 s. Run with {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(ThreeThousandBots.class)
@Tag("benchmark")
class LivePageBenchmark {

    private static final Duration WATCHED = Duration.ofSeconds(30);

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Test
    void bytesPerLiveRefreshAt44AndAt3000Bots() throws Exception {
        BenchmarkReport report = new BenchmarkReport("live-page");
        for (int size : List.of(44, 3000)) {
            emulator.reset(EmulatorSettings.from(config.ecsEmulator()));
            List<Map<String, Object>> bots = RunTestSupport.botsWithKnowledge(bot -> true);
            List<Map<String, Object>> chosen = bots.subList(0, Math.min(size, bots.size()));
            String id = RunTestSupport.start(chosen, Map.of("brake", Map.of("after", 0)));
            RestAssuredConfig raw = RestAssuredConfig.config().decoderConfig(DecoderConfig.decoderConfig().noContentDecoders());
            List<Integer> polled = new ArrayList<>();
            List<Integer> polledGzipped = new ArrayList<>();
            List<Integer> streamed = new ArrayList<>();
            long[] gzippedBytes = new long[1];
            var gzipped = UpdateStream.open("/runs/" + id + "/updates", "gzip",
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            Thread counter = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (var in = gzipped.body()) {
                    for (int read; (read = in.read(buffer)) >= 0; ) {
                        synchronized (gzippedBytes) {
                            gzippedBytes[0] += read;
                        }
                    }
                } catch (java.io.IOException e) {
                    // Closed at the end of the window.
                }
            });
            counter.start();
            long started = System.nanoTime();
            long watchedNanos;
            try (UpdateStream stream = new UpdateStream("/runs/" + id + "/updates")) {
                long end = System.nanoTime() + WATCHED.toNanos();
                long nextPoll = System.nanoTime();
                while (System.nanoTime() < end) {
                    if (System.nanoTime() >= nextPoll) {
                        polled.add(given().config(raw).header("HX-Request", "true").header("Accept-Encoding", "identity")
                                .when().get("/runs/" + id).then().statusCode(200).extract().asByteArray().length);
                        polledGzipped.add(given().config(raw).header("HX-Request", "true").header("Accept-Encoding", "gzip")
                                .when().get("/runs/" + id).then().statusCode(200).extract().asByteArray().length);
                        nextPoll += Duration.ofSeconds(1).toNanos();
                    }
                    UpdateStream.Event event = stream.next(Duration.ofMillis(100));
                    if (event != null && event.name() == null) {
                        break;
                    }
                    if (event != null && "update".equals(event.name())) {
                        // The wire: "event:update\ndata:...\n\n".
                        streamed.add(event.data().getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 20);
                    }
                }
                watchedNanos = System.nanoTime() - started;
            }
            long wire;
            synchronized (gzippedBytes) {
                wire = gzippedBytes[0];
            }
            gzipped.body().close();
            given().contentType("application/json").when().post("/api/runs/" + id + "/cancel");
            RunTestSupport.awaitRun(id, run -> !"RUNNING".equals(io.reembed.testing.Json.text(run, "/state")), 300_000);
            double seconds = watchedNanos / 1e9;
            int first = streamed.get(0);
            double later = streamed.subList(1, streamed.size()).stream().mapToInt(Integer::intValue).average().orElse(0);
            double pollPerSecond = polled.stream().mapToInt(Integer::intValue).average().orElse(0);
            double pollGzippedPerSecond = polledGzipped.stream().mapToInt(Integer::intValue).average().orElse(0);
            double streamPerSecond = (streamed.stream().mapToInt(Integer::intValue).sum() - first) / seconds;
            report.line("%d bots (%d in the run), watched %.1f s while launching:", size, chosen.size(), seconds)
                    .line("  polled fragment, once a second: %.0f bytes (%.0f gzipped) each", pollPerSecond,
                            pollGzippedPerSecond)
                    .line("  update stream: first update %d bytes, then %d updates of %.0f bytes on average:"
                            + " %.0f bytes a second, %.1f%% of the polled bytes, %.1f%% of the gzipped ones",
                            first, streamed.size() - 1, later, streamPerSecond, 100 * streamPerSecond / pollPerSecond,
                            100 * streamPerSecond / pollGzippedPerSecond)
                    .line("  update stream gzipped (one compressor for the whole stream): %d bytes in all, %.0f bytes a"
                            + " second, %.1f%% of the gzipped polls", wire, wire / seconds,
                            100 * wire / seconds / pollGzippedPerSecond);
            assertTrue(streamPerSecond < pollPerSecond, "the stream sends less than polling did");
        }
        report.write();
        RunTestSupport.withoutCapacityLimit(emulator, config);
    }
}
