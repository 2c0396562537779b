package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.reembed.bots.BotKey;
import io.reembed.runs.BotState;
import io.reembed.runs.BotSyncState;
import io.reembed.runs.RunBot;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Hands work out from the engine thread: due bots to the launch workers within the in-flight
 * limit, the tasks of a cancelled run (and stuck tasks) to the stop workers. The workers call ECS
 * at their own paced rates and report back through a queue the engine thread applies, so the
 * engine thread itself never waits for RunTask or StopTask.
 */
final class Dispatcher {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final RunRepository store;
    private final Clock clock;
    private final RunLauncher launcher;
    private final TaskStopper stopper;
    private final Executor launchWorkers;
    private final SyncStatusSource syncStatus;
    private final CapacityGauge capacity;
    private final Supplier<List<LiveRun>> runs;
    /** Work the workers report back, applied on the engine thread at the start of each cycle. */
    private final Queue<Runnable> reports = new ConcurrentLinkedQueue<>();
    /** Bots the reports changed, stored together once the reports are applied. */
    private final Map<LiveRun, Map<BotKey, RunBot>> changed = new LinkedHashMap<>();
    private volatile int tasksInFlight;
    /** A launch worker's write met another copy's newer state; the engine thread stops at its next cycle. */
    private volatile StaleStateException stale;

    Dispatcher(RunCoordinator.Ports ports, RunCoordinator.Workers workers, EngineSettings settings, Clock clock,
            EngineMetrics metrics, Supplier<List<LiveRun>> runs) {
        this.store = ports.store();
        this.clock = clock;
        this.runs = runs;
        this.launchWorkers = workers.launches();
        this.syncStatus = ports.syncStatus();
        this.capacity = new CapacityGauge(settings.maxInFlight(), settings.capacityBackoff());
        this.launcher = new RunLauncher(ports.ecs(), store, settings, clock, workers.sleeper(), metrics);
        this.stopper = new TaskStopper(ports.ecs(), settings, clock, workers.sleeper(), metrics, workers.stops());
    }

    /** Tasks this engine had launching or running at its last cycle. */
    int tasksInFlight() {
        return tasksInFlight;
    }

    void capacityCeiling(int tasks) {
        capacity.ceiling(tasks);
    }

    java.util.OptionalInt ceilingBelowConfigured() {
        return capacity.ceilingBelowConfigured();
    }

    /** New global limits, for the launches handed out from the next cycle on. */
    void limits(EngineLimits limits) {
        capacity.configured(limits.maxInFlight());
        launcher.rate(limits.runTaskRate());
    }

    /** Throws on the engine thread what a launch worker met: another copy drives runs now. */
    void failIfStale() {
        StaleStateException seen = stale;
        if (seen != null) {
            throw seen;
        }
    }

    void applyReports() {
        for (Runnable report = reports.poll(); report != null; report = reports.poll()) {
            report.run();
        }
        changed.forEach((live, bots) -> store.saveBots(live.id(), List.copyOf(bots.values())));
        changed.clear();
    }

    /**
     * Hands due bots to the launch workers, oldest run first, within the in-flight limit and each
     * run's own share. A paused run starts no new bot, but a LAUNCHING one (a RunTask call whose
     * answer is not known) gets its call repeated with its token, so no task goes untracked.
     */
    void pump() {
        List<LiveRun> runs = new ArrayList<>(this.runs.get());
        Map<LiveRun, Integer> inFlightOf = new HashMap<>();
        runs.forEach(live -> inFlightOf.put(live, live.inFlight()));
        int inFlight = inFlightOf.values().stream().mapToInt(Integer::intValue).sum();
        tasksInFlight = inFlight;
        Instant now = clock.instant();
        int room = capacity.limit(now) - inFlight;
        runs.sort(Comparator.comparing(live -> live.run().createdAt()));
        for (LiveRun live : runs) {
            if (live.run().cancelRequested()) {
                windDown(live);
                continue;
            }
            Integer share = live.run().steering().maxInFlight();
            int runRoom = Math.min(share == null ? Integer.MAX_VALUE : share - inFlightOf.get(live), live.capRoom(now));
            for (RunBot bot : live.bots()) {
                boolean waiting = bot.state() == BotState.QUEUED || bot.state() == BotState.LAUNCHING;
                if (!waiting || !bot.dueAt(now) || live.isDispatched(bot.key())) {
                    continue;
                }
                if (bot.state() == BotState.QUEUED) {
                    if (room <= 0 || runRoom <= 0 || live.run().paused()) {
                        // No room for a new task; a LAUNCHING bot further on still gets its call repeated.
                        continue;
                    }
                    room--;
                    runRoom--;
                }
                live.dispatch(bot.key());
                launchWorkers.execute(() -> launchOne(live, bot));
            }
        }
    }

    /** A worker's launch of one bot; the bot is the worker's until it is undispatched. */
    private void launchOne(LiveRun live, RunBot bot) {
        try {
            if (live.run().cancelRequested() && bot.clientToken() == null) {
                // Cancelled while it waited for a worker: it never gets a task.
                RunBot cancelled = bot.cancelled("Not launched: " + live.run().cancelReason(), clock.instant());
                store.saveBot(live.id(), cancelled);
                live.put(cancelled);
                return;
            }
            RunBot skipped = bot.state() == BotState.QUEUED && bot.clientToken() == null ? skipIfEmbeddedElsewhere(bot)
                    : null;
            if (skipped != null) {
                store.saveBot(live.id(), skipped);
                live.put(skipped);
                LOG.infof("Bot %s of run %s: %s", bot.botId(), live.id(), skipped.reason());
                return;
            }
            RunBot result = launcher.launch(live, bot);
            live.put(result);
            if (result.state() == BotState.STARTING) {
                capacity.launched(tasksStarted());
            } else if (result.state() == BotState.QUEUED) {
                capacity.capacityFailure(tasksStarted(), clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (StaleStateException e) {
            stale = e;
        } catch (RuntimeException e) {
            if (halting(e)) {
                // The stored state (LAUNCHING, with its token) is resumed on the next start.
                LOG.debugf("Launch of bot %s aborted by a halt", bot.botId());
            } else {
                LOG.errorf(e, "Launching bot %s of run %s failed", bot.botId(), live.id());
                live.put(bot);
            }
        } finally {
            live.undispatch(bot.key());
        }
    }

    /**
     * The bot skipped, if its own record shows an embedding that started while it waited (the
     * stack's trigger). One read per launch, on the worker; when it cannot be read the bot is
     * launched as before, the check only spares a second task.
     */
    private RunBot skipIfEmbeddedElsewhere(RunBot bot) {
        BotSyncState seen;
        try {
            seen = syncStatus.read(List.of(bot.key())).get(bot.key());
        } catch (SdkException e) {
            LOG.debugf("SyncStatus of bot %s not read before its launch: %s", bot.botId(), e.getMessage());
            return null;
        }
        String why = seen == null ? null : bot.embeddedElsewhere(seen);
        return why == null ? null : bot.skipped(why, seen, clock.instant());
    }

    /** The engine is halting: its workers were interrupted, and the SDK gives that back wrapped. */
    private static boolean halting(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof AbortedException || cause instanceof InterruptedException) {
                return true;
            }
        }
        return Thread.currentThread().isInterrupted();
    }

    private int tasksStarted() {
        return runs.get().stream().mapToInt(live -> (int) live.bots().stream()
                .filter(bot -> bot.state() == BotState.STARTING || bot.state() == BotState.RUNNING).count()).sum();
    }

    /**
     * A cancelled run: bots that never got a task are cancelled, tasks in flight are handed to be
     * stopped (once), and a launch a crash cut short is settled by one search for unrecorded tasks.
     * Only stores and hands out work: no AWS call on this thread.
     */
    private void windDown(LiveRun live) {
        Instant now = clock.instant();
        String why = live.run().cancelReason();
        List<RunBot> cancelled = new ArrayList<>();
        List<RunBot> cutShort = new ArrayList<>();
        List<RunBot> inFlight = new ArrayList<>();
        for (RunBot bot : live.bots()) {
            if (bot.state().terminal() || live.isDispatched(bot.key()) || bot.stopRequested()) {
                continue;
            }
            if (bot.taskArn() != null) {
                inFlight.add(bot);
            } else if (bot.clientToken() != null) {
                cutShort.add(bot);
            } else {
                cancelled.add(bot.cancelled("Not launched: " + why, now));
            }
        }
        if (!cutShort.isEmpty()) {
            switch (live.sweep()) {
                case NOT_NEEDED -> {
                    live.sweepStarted();
                    Set<String> recorded = new HashSet<>();
                    live.bots().stream().map(RunBot::taskArn).filter(arn -> arn != null).forEach(recorded::add);
                    stopper.sweep(live.run(), recorded, why, stopped -> reports.add(() -> live.swept(stopped)));
                }
                case UNDER_WAY -> {
                    // Its bots wait for the search's answer.
                }
                case DONE -> cutShort.forEach(bot -> cancelled.add(bot.cancelled(live.orphansStopped() > 0
                        ? "Cancelled while launching: " + why + "; the run's " + live.orphansStopped()
                                + " unrecorded task(s) were stopped"
                        : "Not launched: " + why + " (no task of it was found)", now)));
            }
        }
        if (!cancelled.isEmpty()) {
            store.saveBots(live.id(), cancelled);
            cancelled.forEach(live::put);
        }
        requestStops(live, inFlight, why);
    }

    /** Records why the bot's task is to stop, then queues the StopTask; the bot stays tracked. */
    void requestStop(LiveRun live, RunBot bot, String why) {
        requestStops(live, List.of(bot), why);
    }

    private void requestStops(LiveRun live, List<RunBot> bots, String why) {
        if (bots.isEmpty()) {
            return;
        }
        List<RunBot> stopping = bots.stream().map(bot -> bot.stopping(why)).toList();
        store.saveBots(live.id(), stopping);
        stopping.forEach(live::put);
        for (RunBot bot : stopping) {
            String arn = bot.taskArn();
            stopper.stop(live.run(), arn, why, outcome -> reports.add(() -> {
                RunBot now = live.bot(bot.key());
                if (now != null && !now.state().terminal() && arn.equals(now.taskArn())) {
                    RunBot noted = now.noted(outcome.message());
                    live.put(noted);
                    changed.computeIfAbsent(live, key -> new LinkedHashMap<>()).put(noted.key(), noted);
                }
            }));
        }
    }
}
