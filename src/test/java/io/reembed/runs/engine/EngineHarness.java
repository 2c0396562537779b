package io.reembed.runs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.bots.KnowledgeSummary;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;

/**
 * An engine on in-memory ports, driven by hand: launches run inline, StopTask calls wait in a
 * queue until the test lets them go, and time moves only through the clock (the rate limiters
 * move it as they "sleep"). A run of a thousand bots takes milliseconds.
 */
final class EngineHarness {

    static final EcsLaunchSettings ECS = new EcsLaunchSettings("cluster", "embedding:1", "Container",
            List.of("subnet-1"), List.of("sg-1"), "DISABLED");

    /** A queue of work that runs only when the test says so. */
    static final class HeldExecutor implements Executor {
        private final Queue<Runnable> held = new ArrayDeque<>();

        @Override
        public synchronized void execute(Runnable command) {
            held.add(command);
        }

        int runAll() {
            int ran = 0;
            for (Runnable next = take(); next != null; next = take()) {
                next.run();
                ran++;
            }
            return ran;
        }

        private synchronized Runnable take() {
            return held.poll();
        }
    }

    final ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
    final InMemoryRunStore store = new InMemoryRunStore();
    final InMemorySyncStatus sync = new InMemorySyncStatus();
    final InMemoryEcs ecs = new InMemoryEcs(clock, sync);
    final EngineMetrics metrics = new EngineMetrics();
    /** Whether a command waits for the engine's thread, as RunEngine says while a cancel or pause is queued. */
    final java.util.concurrent.atomic.AtomicBoolean commandWaiting = new java.util.concurrent.atomic.AtomicBoolean();
    final HeldExecutor stops = new HeldExecutor();
    final EngineSettings settings;
    RunCoordinator engine;
    int runsEnded;

    EngineHarness() {
        this(50);
    }

    EngineHarness(int maxInFlight) {
        this(maxInFlight, 0);
    }

    /** With automatic retry of transient failures ({@code autoRetries} attempts, 30 s apart, doubling). */
    EngineHarness(int maxInFlight, int autoRetries) {
        settings = new EngineSettings(20, 20, maxInFlight, Duration.ofSeconds(2), Duration.ofSeconds(60),
                Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(30), 5,
                autoRetries, Duration.ofSeconds(30), Duration.ofMinutes(15));
        engine = newEngine();
    }

    /** A fresh engine on the same store and ECS: what a restart after {@code kill -9} finds. */
    RunCoordinator restart() {
        engine = newEngine();
        engine.resume();
        return engine;
    }

    private RunCoordinator newEngine() {
        return new RunCoordinator(new RunCoordinator.Ports(store, ecs, sync),
                new RunCoordinator.Workers(Runnable::run, stops, clock.sleeper(), commandWaiting::get), settings, clock,
                metrics,
                () -> runsEnded++);
    }

    static List<Bot> bots(int count) {
        List<Bot> bots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            bots.add(new Bot("user" + (i % 7), "BOT#b" + i, "b" + i, "Bot " + i, new KnowledgeSummary(1, 0, 0),
                    "SUCCEEDED", null, null, null, false, List.of()));
        }
        return bots;
    }

    String start(List<Bot> bots) {
        return engine.startRun(bots, ECS, "alice", bots.size() + " test bots", "account 123456789012").run().id();
    }

    /** Cycles (stops let go, time moving a poll interval each) until the condition holds. */
    RunSnapshot driveUntil(String runId, Predicate<RunSnapshot> done) {
        for (int cycle = 0; cycle < 10_000; cycle++) {
            engine.cycle();
            stops.runAll();
            RunSnapshot snapshot = snapshot(runId);
            if (done.test(snapshot)) {
                return snapshot;
            }
            clock.advance(settings.pollInterval());
        }
        throw new AssertionError("run " + runId + " never got there: " + snapshot(runId).counts());
    }

    RunSnapshot driveToEnd(String runId) {
        return driveUntil(runId, snapshot -> !snapshot.run().active());
    }

    /** The run as the store has it (what survives the engine). */
    RunSnapshot snapshot(String runId) {
        return engine.snapshot(runId).orElseGet(() -> new RunSnapshot(store.findRun(runId).orElseThrow(),
                store.loadBots(runId), clock.instant()));
    }

    static RunBot bot(RunSnapshot snapshot, BotKey key) {
        return snapshot.bots().stream().filter(bot -> bot.key().equals(key)).findFirst().orElseThrow();
    }
}
