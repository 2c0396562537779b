package io.reembed.runs.engine;

import static io.reembed.runs.engine.EngineHarness.bots;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;

/** "No progress": a run whose bots all stand still while some wait is reported once per stall. */
class StallWatchTest {

    private static final Instant T0 = Instant.parse("2026-12-02T07:00:00Z");
    private static final Duration AFTER = Duration.ofMinutes(15);

    @Test
    void aRunInWhichNothingMovesIsReportedOncePerStall() {
        EngineHarness harness = new EngineHarness();
        RunSnapshot snapshot = harness.snapshot(harness.start(bots(3)));
        LiveRun live = new LiveRun(snapshot.run(), snapshot.bots());
        StallWatch watch = new StallWatch(AFTER);
        assertEquals(List.of(), watch.stalled(List.of(live), T0));
        assertEquals(List.of(), watch.stalled(List.of(live), T0.plus(AFTER).minusSeconds(1)));
        assertEquals(List.of(live), watch.stalled(List.of(live), T0.plus(AFTER)));
        assertEquals(List.of(), watch.stalled(List.of(live), T0.plus(AFTER.multipliedBy(3))), "once per stall");

        // One bot moves: the watch starts again from then.
        RunBot first = snapshot.bots().get(0);
        live.put(first.launching("token-1"));
        Instant moved = T0.plus(AFTER.multipliedBy(4));
        assertEquals(List.of(), watch.stalled(List.of(live), moved));
        assertEquals(List.of(live), watch.stalled(List.of(live), moved.plus(AFTER)), "a new stall, reported again");
    }

    @Test
    void aPausedOrEndedRunIsNotStalled() {
        EngineHarness harness = new EngineHarness();
        String id = harness.start(bots(2));
        RunSnapshot snapshot = harness.snapshot(id);
        LiveRun paused = new LiveRun(snapshot.run().paused(snapshot.run().steering()), snapshot.bots());
        StallWatch watch = new StallWatch(AFTER);
        watch.stalled(List.of(paused), T0);
        assertEquals(List.of(), watch.stalled(List.of(paused), T0.plus(AFTER.multipliedBy(2))), "a pause is not a stall");

        RunSnapshot ended = harness.driveToEnd(id);
        LiveRun done = new LiveRun(ended.run(), ended.bots());
        watch.stalled(List.of(done), T0);
        assertEquals(List.of(), watch.stalled(List.of(done), T0.plus(AFTER.multipliedBy(2))), "nothing waits");
    }
}
