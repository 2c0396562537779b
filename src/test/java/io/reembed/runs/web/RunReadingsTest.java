package io.reembed.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

/** However many pages watch a run, it is read once per {@link RunReadings#FRESH}; a page asked for reads afresh. */
class RunReadingsTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void streamsShareAReadingAndGoOnFromThePagesOwn() {
        MovingClock clock = new MovingClock();
        AtomicInteger reads = new AtomicInteger();
        RunReadings readings = new RunReadings(clock, runId -> {
            reads.incrementAndGet();
            return new RunReadings.Reading(null, Map.of(), null, clock.instant());
        });

        RunReadings.Reading first = readings.read("r1");
        for (int stream = 0; stream < 10; stream++) {
            assertSame(first, readings.read("r1"), "ten streams within the second: the same reading");
        }
        assertEquals(1, reads.get());

        clock.now = clock.now.plusMillis(300);
        RunReadings.Reading page = readings.readNow("r1");
        assertNotSame(first, page, "a page asked for is read afresh (after an action it shows the action)");
        assertSame(page, readings.read("r1"), "streams go on from the page's reading, never an older one");

        clock.now = clock.now.plus(RunReadings.FRESH);
        assertNotSame(page, readings.read("r1"), "once the reading is older than FRESH the run is read again");
        readings.read("r2");
        assertEquals(4, reads.get(), "one read per run per interval: r1 three times, r2 once");
    }

    /** A clock that moves only when the test moves it. */
    private static final class MovingClock extends Clock {
        private Instant now = T0;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
