package io.reembed.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.reembed.runs.engine.ManualClock;

/** However many pages watch a run, it is read once per update interval; a page asked for reads afresh. */
class RunReadingsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration FRESH = RunReadings.freshFor(Duration.ofSeconds(1));

    @Test
    void streamsShareAReadingAndGoOnFromThePagesOwn() {
        ManualClock clock = new ManualClock(T0);
        AtomicInteger reads = new AtomicInteger();
        RunReadings readings = new RunReadings(clock, FRESH, runId -> {
            reads.incrementAndGet();
            return new RunReadings.Reading(null, Map.of(), null, clock.instant());
        });

        RunReadings.Reading first = readings.read("r1");
        for (int stream = 0; stream < 10; stream++) {
            assertSame(first, readings.read("r1"), "ten streams within the second: the same reading");
        }
        assertEquals(1, reads.get());

        clock.advance(Duration.ofMillis(300));
        RunReadings.Reading page = readings.readNow("r1");
        assertNotSame(first, page, "a page asked for is read afresh (after an action it shows the action)");
        assertSame(page, readings.read("r1"), "streams go on from the page's reading, never an older one");

        clock.advance(FRESH);
        assertNotSame(page, readings.read("r1"), "once the reading is 0.9 s old the run is read again");
        readings.read("r2");
        assertEquals(4, reads.get(), "one read per run per interval: r1 three times, r2 once");
    }
}
