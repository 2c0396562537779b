package io.reembed.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.bots.BotScanner;
import io.reembed.config.ReembedConfig;
import io.reembed.config.ReembedConfig.Catalog.Source;

/**
 * Time to list 10,000 bots from the DynamoDB emulator through the sparse index, against the reference
 * script's way (a filtered scan of the whole table, conversations included), and the cost of a
 * filter change in the UI once the list is in memory. Run with {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(TenThousandBots.class)
@Tag("benchmark")
class CatalogBenchmark {

    private static final int ROUNDS = 5;

    @Inject
    BotScanner scanner;

    @Inject
    ReembedConfig config;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    void listsTenThousandBots() {
        String table = DemoModeConfigSourceFactory.DEMO_TABLE;
        String index = config.catalog().index();
        Timing viaIndex = time(() -> scanner.read(table, index, Source.INDEX));
        Timing viaScan = time(() -> scanner.read(table, index, Source.SCAN));
        int segments = config.catalog().scanSegments();
        Timing parallel = time(() -> scanner.read(table, index, Source.INDEX, segments));
        assertEquals(TenThousandBots.BOTS, viaIndex.result.bots().size());
        assertEquals(TenThousandBots.BOTS, viaScan.result.bots().size());
        assertEquals(TenThousandBots.BOTS, parallel.result.bots().size());
        new BenchmarkReport("catalog")
                .line("%d bots, %d users, %d conversations in the DynamoDB emulator", TenThousandBots.BOTS, 500, 10_000)
                .line("sparse index: best %d ms, median %d ms, %d pages, %d items read", viaIndex.best,
                        viaIndex.median, viaIndex.result.pages(), viaIndex.result.itemsRead())
                .line("table scan (the reference script's read): best %d ms, median %d ms, %d pages, %d items read",
                        viaScan.best, viaScan.median, viaScan.result.pages(), viaScan.result.itemsRead())
                .line("table scan / sparse index (median): %.2f", (double) viaScan.median / Math.max(1, viaIndex.median))
                .line("sparse index, %d parallel segments: best %d ms, median %d ms", segments, parallel.best,
                        parallel.median)
                .write();
    }

    @Test
    void servesTheBotListQuickly() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long firstStart = System.nanoTime();
        String first = get(http, "/bots?refresh=true", false);
        long firstMillis = (System.nanoTime() - firstStart) / 1_000_000;
        assertTrue(first.contains("<strong>" + TenThousandBots.BOTS + "</strong>"), "all bots listed");

        long[] micros = new long[100];
        for (int i = 0; i < micros.length; i++) {
            long start = System.nanoTime();
            String fragment = get(http, "/bots?q=assistant&sort=title&page=" + (i % 5 + 1), true);
            micros[i] = (System.nanoTime() - start) / 1_000;
            assertTrue(fragment.length() < 100_000, "a fragment holds one page of rows: " + fragment.length() + " characters");
        }
        Arrays.sort(micros);
        new BenchmarkReport("bots-page")
                .line("/bots with %d bots, table read included: %d ms", TenThousandBots.BOTS, firstMillis)
                .line("/bots fragment, filtered, sorted and paged from memory: median %d µs, p95 %d µs, max %d µs",
                        micros[micros.length / 2], micros[micros.length * 95 / 100], micros[micros.length - 1])
                .write();
    }

    private String get(HttpClient http, String path, boolean fragment) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (fragment) {
            request.header("HX-Request", "true");
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }

    private record Timing(long best, long median, BotScanner.Result result) {
    }

    private static Timing time(Supplier<BotScanner.Result> read) {
        long[] millis = new long[ROUNDS];
        BotScanner.Result result = null;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            result = read.get();
            millis[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(millis);
        return new Timing(millis[0], millis[ROUNDS / 2], result);
    }
}
