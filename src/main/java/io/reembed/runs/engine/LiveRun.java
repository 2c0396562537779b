package io.reembed.runs.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.reembed.bots.BotKey;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;

/**
 * A run the engine is working on: its record and its bots, in memory, changed under one lock. A
 * bot handed to a launch worker belongs to that worker until it is given back.
 */
final class LiveRun {

    /** The search for tasks a crash left unrecorded, done once when such a run is cancelled. */
    enum Sweep {
        NOT_NEEDED, UNDER_WAY, DONE
    }

    private volatile Run run;
    private final java.util.concurrent.locks.ReentrantReadWriteLock launchGate =
            new java.util.concurrent.locks.ReentrantReadWriteLock();
    private final Map<BotKey, RunBot> bots = new LinkedHashMap<>();
    private final Set<BotKey> dispatched = new HashSet<>();
    private Sweep sweep = Sweep.NOT_NEEDED;
    private int orphansStopped;

    LiveRun(Run run, List<RunBot> bots) {
        this.run = run;
        bots.forEach(bot -> this.bots.put(bot.key(), bot));
    }

    Run run() {
        return run;
    }

    /**
     * A change that stops launching (a cancel, a pause, the failure brake) waits for the RunTask
     * calls already past their last look at the run, so that once it is answered no RunTask of this
     * run leaves the console; any other change is made at once.
     */
    void run(Run updated) {
        Run before = run;
        boolean stopsLaunching = (updated.cancelRequested() && !before.cancelRequested())
                || (updated.paused() && !before.paused());
        if (!stopsLaunching) {
            this.run = updated;
            return;
        }
        launchGate.writeLock().lock();
        try {
            this.run = updated;
        } finally {
            launchGate.writeLock().unlock();
        }
    }

    /**
     * Runs {@code call} (a RunTask) while the run still launches new tasks, holding off a cancel or
     * pause until it has been sent and answered; otherwise runs {@code stopped} instead.
     */
    <T> T whileLaunching(java.util.function.Supplier<T> call, java.util.function.Function<Run, T> stopped) {
        launchGate.readLock().lock();
        try {
            Run now = run;
            return now.cancelRequested() || now.paused() ? stopped.apply(now) : call.get();
        } finally {
            launchGate.readLock().unlock();
        }
    }

    String id() {
        return run.id();
    }

    synchronized List<RunBot> bots() {
        return new ArrayList<>(bots.values());
    }

    synchronized RunBot bot(BotKey key) {
        return bots.get(key);
    }

    synchronized void put(RunBot bot) {
        bots.put(bot.key(), bot);
    }

    synchronized boolean contains(BotKey key) {
        return bots.containsKey(key);
    }

    /** Marks a bot as handed to a launch worker; false if it already is. */
    synchronized boolean dispatch(BotKey key) {
        return dispatched.add(key);
    }

    synchronized void undispatch(BotKey key) {
        dispatched.remove(key);
    }

    synchronized boolean isDispatched(BotKey key) {
        return dispatched.contains(key);
    }

    /** How many more tasks the run's spending cap lets it start at {@code now} (no cap: any number). */
    int capRoom(java.time.Instant now) {
        io.reembed.runs.SpendingCap cap = run.steering().cap();
        if (cap == null) {
            return Integer.MAX_VALUE;
        }
        List<RunBot> all = bots();
        return cap.launchesLeft(cap.spent(all, now), cap.inFlight(all, bot -> isDispatched(bot.key()), now));
    }

    /** Bots whose task is being launched or runs; a bot handed to a launch worker counts at once. */
    synchronized int inFlight() {
        return (int) bots.values().stream()
                .filter(bot -> bot.state().inFlight() || dispatched.contains(bot.key())).count();
    }

    synchronized Sweep sweep() {
        return sweep;
    }

    synchronized void sweepStarted() {
        sweep = Sweep.UNDER_WAY;
    }

    synchronized void swept(int stopped) {
        sweep = Sweep.DONE;
        orphansStopped = stopped;
    }

    synchronized int orphansStopped() {
        return orphansStopped;
    }

    synchronized boolean allTerminal() {
        return bots.values().stream().allMatch(bot -> bot.state().terminal());
    }
}
