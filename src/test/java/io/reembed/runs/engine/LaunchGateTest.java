package io.reembed.runs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.reembed.runs.BotState;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;

/**
 * A cancel or a pause answered means no RunTask of that run leaves the console afterwards, however
 * late the threads run: here the launch workers are starved (each one waiting for its RunTask permit
 * is held until the test lets it go) and the answer comes first.
 */
class LaunchGateTest {

    /** A sleeper that blocks each nap until the test hands out a pass, then moves the clock. */
    private static final class StarvingSleeper implements Sleeper {
        private final ManualClock clock;
        private final Semaphore passes = new Semaphore(0);

        StarvingSleeper(ManualClock clock) {
            this.clock = clock;
        }

        @Override
        public void sleep(Duration pause) throws InterruptedException {
            passes.acquire();
            clock.advance(pause);
        }

        void releaseAll() {
            passes.release(1_000_000);
        }
    }

    @Test
    void aCancelAnsweredMeansNoRunTaskAfterItHoweverLateTheWorkersRun() throws Exception {
        Outcome outcome = starvedThen(true);
        assertEquals(outcome.callsWhenAnswered(), outcome.callsAtTheEnd(), "no RunTask after the cancel was answered");
        assertTrue(outcome.states().getOrDefault(BotState.CANCELLED, 0L) >= 9, "the waiting bots were cancelled: "
                + outcome.states());
    }

    @Test
    void aPauseAnsweredMeansNoRunTaskAfterItAndTheWaitingBotsAreQueuedAgain() throws Exception {
        Outcome outcome = starvedThen(false);
        assertEquals(outcome.callsWhenAnswered(), outcome.callsAtTheEnd(), "no RunTask after the pause was answered");
        assertEquals(0L, outcome.states().getOrDefault(BotState.LAUNCHING, 0L), "nothing left launching: " + outcome.states());
        assertTrue(outcome.states().getOrDefault(BotState.QUEUED, 0L) >= 9, "the waiting bots are queued again: "
                + outcome.states());
    }

    /** runTaskRate 0.000001 once wedged launching: a corrected rate did not reach the launchers already asleep. */
    @Test
    void aNewRateReachesLaunchersAlreadyWaiting() throws Exception {
        Instant start = Instant.parse("2026-12-01T10:00:00Z");
        ManualClock clock = new ManualClock(start);
        java.util.concurrent.CountDownLatch napping = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch corrected = new java.util.concurrent.CountDownLatch(1);
        RateLimiter limiter = new RateLimiter(0.000001, clock, pause -> {
            napping.countDown();
            corrected.await();
            clock.advance(pause);
        });
        limiter.acquire();
        ExecutorService waiter = Executors.newSingleThreadExecutor();
        var waited = waiter.submit(() -> {
            limiter.acquire();
            return clock.instant();
        });
        assertTrue(napping.await(10, TimeUnit.SECONDS), "the second call waits for its turn");
        limiter.rate(20);
        corrected.countDown();
        Instant let = waited.get(10, TimeUnit.SECONDS);
        waiter.shutdown();
        assertEquals(start.plus(RateLimiter.LONGEST_NAP), let,
                "a rate of one call in 11 days, corrected to 20 a second, lets the waiting call go after one nap");
    }

    private record Outcome(int callsWhenAnswered, int callsAtTheEnd, Map<BotState, Long> states) {
    }

    private static Outcome starvedThen(boolean cancel) throws Exception {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
        StarvingSleeper sleeper = new StarvingSleeper(clock);
        InMemorySyncStatus sync = new InMemorySyncStatus();
        InMemoryEcs ecs = new InMemoryEcs(clock, sync);
        InMemoryRunStore store = new InMemoryRunStore();
        EngineSettings settings = new EngineSettings(20, 20, 50, Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 5, 0,
                Duration.ofSeconds(30), Duration.ofMinutes(15));
        ExecutorService workers = Executors.newFixedThreadPool(8);
        RunCoordinator engine = new RunCoordinator(new RunCoordinator.Ports(store, ecs, sync),
                new RunCoordinator.Workers(workers, Runnable::run, sleeper), settings, clock, new EngineMetrics(),
                () -> { });
        String runId = engine.startRun(EngineHarness.bots(10), EngineHarness.ECS, "alice", "10 test bots",
                "account 123456789012").run().id();
        engine.cycle();
        // The first launch goes at once; the other workers now wait for their permit, held by the starving sleeper.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ecs.runTaskCalls() < 1 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(100);
        if (cancel) {
            engine.cancel(runId, "bob");
        } else {
            engine.pause(runId, "bob");
        }
        int answered = ecs.runTaskCalls();
        sleeper.releaseAll();
        workers.shutdown();
        assertTrue(workers.awaitTermination(10, TimeUnit.SECONDS), "the workers finished");
        for (int i = 0; i < 20; i++) {
            engine.cycle();
            clock.advance(Duration.ofSeconds(1));
        }
        RunSnapshot snapshot = engine.snapshot(runId).orElseGet(() -> new RunSnapshot(store.findRun(runId).orElseThrow(),
                store.loadBots(runId), clock.instant()));
        Map<BotState, Long> states = snapshot.bots().stream().collect(Collectors.groupingBy(RunBot::state,
                Collectors.counting()));
        return new Outcome(answered, ecs.runTaskCalls(), states);
    }
}
