package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.BotState;
import io.reembed.runs.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunState;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * The runs in progress, in memory, and everything that changes them. Commands (start, cancel,
 * retry) and the engine's cycle run on one thread and only record intentions and hand work out;
 * RunTask and StopTask calls run on their own workers at their own paced rates. Every change is
 * stored before it is acted on, so a restart, even after {@code kill -9}, resumes each run without
 * a second task for any bot and without forgetting one. Reads ({@link #snapshot}) are safe from
 * any thread.
 */
public final class RunCoordinator {

    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);

    private final RunRepository store;
    private final EngineSettings settings;
    private final Clock clock;
    private final RunLauncher launcher;
    private final TaskTracker tracker;
    private final TaskStopper stopper;
    private final Executor launchWorkers;
    private final Runnable onRunEnded;
    private final RunIds ids = new RunIds();
    private final CapacityGauge capacity;
    private final Map<String, LiveRun> active = new ConcurrentHashMap<>();
    /** Work the workers report back, applied on the engine thread at the start of each cycle. */
    private final Queue<Runnable> reports = new ConcurrentLinkedQueue<>();
    private Instant nextPoll = Instant.MIN;

    public record Ports(RunRepository store, EcsTasks ecs, SyncStatusSource syncStatus) {
    }

    public record Workers(Executor launches, Executor stops, Sleeper sleeper) {
    }

    public RunCoordinator(Ports ports, Workers workers, EngineSettings settings, Clock clock, EngineMetrics metrics,
            Runnable onRunEnded) {
        this.store = ports.store();
        this.settings = settings;
        this.clock = clock;
        this.launchWorkers = workers.launches();
        this.onRunEnded = onRunEnded;
        this.capacity = new CapacityGauge(settings.maxInFlight(), settings.capacityBackoff());
        this.launcher = new RunLauncher(ports.ecs(), store, settings, clock, workers.sleeper(), metrics);
        this.stopper = new TaskStopper(ports.ecs(), settings, clock, workers.sleeper(), metrics, workers.stops());
        this.tracker = new TaskTracker(ports.ecs(), store, ports.syncStatus(), this::requestStop, settings, clock,
                metrics);
    }

    /** Loads the unfinished runs from the store, to go on with them. */
    public void resume() {
        for (Run run : store.listRuns(Integer.MAX_VALUE)) {
            if (run.active()) {
                active.put(run.id(), new LiveRun(run, store.loadBots(run.id())));
                LOG.infof("Resuming run %s", run.id());
            }
        }
    }

    public record Started(Run run, List<Bot> alreadyActive) {
    }

    /** Stores a new run of these bots; bots already in flight in another run are left out. */
    public Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who) {
        Instant now = clock.instant();
        List<Bot> busy = new ArrayList<>();
        List<RunBot> queued = new ArrayList<>();
        for (Bot bot : bots) {
            if (activeRunOf(bot.key()).isPresent()) {
                busy.add(bot);
            } else {
                queued.add(RunBot.queued(bot.pk(), bot.sk(), bot.botId(), bot.title(), now));
            }
        }
        if (queued.isEmpty()) {
            return new Started(null, busy);
        }
        String id = ids.next(now);
        Run run = new Run(id, now, who, ecs, RunState.RUNNING, false, queued.size(),
                List.of(new AuditEvent(now, who, "started", queued.size() + " bots")), null);
        store.saveBots(id, queued);
        store.saveRun(run);
        active.put(id, new LiveRun(run, queued));
        return new Started(run, busy);
    }

    /**
     * Records that the run is cancelled and answers at once; the next cycles stop launching, hand
     * the tasks in flight to be stopped, and track them until ECS says they stopped.
     */
    public Optional<Run> cancel(String runId, String who) {
        LiveRun live = active.get(runId);
        if (live == null || live.run().cancelRequested()) {
            return Optional.ofNullable(live).map(LiveRun::run);
        }
        Run run = live.run().cancelling().withAudit(new AuditEvent(clock.instant(), who, "cancelled", ""));
        store.saveRun(run);
        live.run(run);
        return Optional.of(run);
    }

    /** What a retry queued, or why it queued nothing. */
    public record RetryResult(Run run, int queued, RunRefusedException.Reason refusal, String problem) {

        static RetryResult refused(Run run, RunRefusedException.Reason refusal, String problem) {
            return new RetryResult(run, 0, refusal, problem);
        }
    }

    /** Queues a new attempt for the failed bots of a run, or for one bot of it in any finished state. */
    public Optional<RetryResult> retry(String runId, Optional<BotKey> onlyBot, String who) {
        Optional<Run> stored = active.containsKey(runId) ? Optional.of(active.get(runId).run()) : store.findRun(runId);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        LiveRun live = active.computeIfAbsent(runId, id -> new LiveRun(stored.get(), store.loadBots(id)));
        if (onlyBot.isPresent() && !live.contains(onlyBot.get())) {
            forgetIfEnded(live);
            return Optional.of(RetryResult.refused(live.run(), RunRefusedException.Reason.UNKNOWN_BOT,
                    "That bot is not part of run " + runId));
        }
        if (live.run().cancelRequested() && live.run().active()) {
            return Optional.of(RetryResult.refused(live.run(), RunRefusedException.Reason.NOTHING_TO_RETRY,
                    "The run is being cancelled; retry when it has ended"));
        }
        Instant now = clock.instant();
        List<RunBot> again = new ArrayList<>();
        for (RunBot bot : live.bots()) {
            boolean wanted = onlyBot.map(key -> key.equals(bot.key()) && bot.state().terminal())
                    .orElse(bot.state() == BotState.FAILED);
            if (wanted && activeRunOf(bot.key()).filter(other -> !other.equals(runId)).isEmpty()) {
                again.add(bot.retried(now));
            }
        }
        if (again.isEmpty()) {
            forgetIfEnded(live);
            return Optional.of(RetryResult.refused(live.run(), RunRefusedException.Reason.NOTHING_TO_RETRY,
                    onlyBot.isPresent() ? "That bot has not finished, or another run holds it"
                            : "Nothing to retry: no bot of the run failed"));
        }
        store.saveBots(runId, again);
        again.forEach(live::put);
        Run run = live.run().reopened().withAudit(new AuditEvent(now, who, "retried",
                onlyBot.map(key -> "bot " + key.botId()).orElse(again.size() + " failed bots")));
        store.saveRun(run);
        live.run(run);
        return Optional.of(new RetryResult(run, again.size(), null, null));
    }

    /** The run with its bots, if the engine is working on it. */
    public Optional<RunSnapshot> snapshot(String runId) {
        LiveRun live = active.get(runId);
        return live == null ? Optional.empty() : Optional.of(new RunSnapshot(live.run(), live.bots(), clock.instant()));
    }

    /** The record of a run the engine is working on, if it is. */
    public Optional<Run> activeRun(String runId) {
        return Optional.ofNullable(active.get(runId)).map(LiveRun::run);
    }

    /** The active run that holds this bot in a non-final state, if any. */
    public Optional<String> activeRunOf(BotKey key) {
        for (LiveRun live : active.values()) {
            RunBot bot = live.bot(key);
            if (bot != null && !bot.state().terminal()) {
                return Optional.of(live.id());
            }
        }
        return Optional.empty();
    }

    /** StopTask calls queued or under way. */
    public int stopsPending() {
        return stopper.pending();
    }

    /** One turn of the engine: apply the workers' reports, launch what is due, poll when it is time. */
    public void cycle() {
        for (Runnable report = reports.poll(); report != null; report = reports.poll()) {
            report.run();
        }
        pump();
        Instant now = clock.instant();
        if (!now.isBefore(nextPoll)) {
            nextPoll = now.plus(settings.pollInterval());
            tracker.poll(new ArrayList<>(active.values()));
            finishCompletedRuns();
        }
    }

    /** Hands due bots to the launch workers, oldest run first, within the in-flight limit. */
    private void pump() {
        int inFlight = active.values().stream().mapToInt(LiveRun::inFlight).sum();
        Instant now = clock.instant();
        int room = capacity.limit(now) - inFlight;
        List<LiveRun> runs = new ArrayList<>(active.values());
        runs.sort(Comparator.comparing(live -> live.run().createdAt()));
        for (LiveRun live : runs) {
            if (live.run().cancelRequested()) {
                windDown(live);
                continue;
            }
            for (RunBot bot : live.bots()) {
                boolean waiting = bot.state() == BotState.QUEUED || bot.state() == BotState.LAUNCHING;
                if (!waiting || !bot.dueAt(now) || live.isDispatched(bot.key())) {
                    continue;
                }
                if (bot.state() == BotState.QUEUED) {
                    if (room <= 0) {
                        // No room for a new task; a LAUNCHING bot further on still gets its call repeated.
                        continue;
                    }
                    room--;
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
            RunBot result = launcher.launch(live.run(), bot);
            live.put(result);
            if (result.state() == BotState.STARTING) {
                capacity.launched(tasksStarted());
            } else if (result.state() == BotState.QUEUED) {
                capacity.capacityFailure(tasksStarted(), clock.instant());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
        return active.values().stream().mapToInt(live -> (int) live.bots().stream()
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
        for (RunBot bot : live.bots()) {
            if (bot.state().terminal() || live.isDispatched(bot.key()) || bot.stopRequested()) {
                continue;
            }
            if (bot.taskArn() != null) {
                requestStop(live, bot, why);
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
    }

    /** Records why the bot's task is to stop, then queues the StopTask; the bot stays tracked. */
    private void requestStop(LiveRun live, RunBot bot, String why) {
        RunBot stopping = bot.stopping(why);
        store.saveBot(live.id(), stopping);
        live.put(stopping);
        String arn = stopping.taskArn();
        stopper.stop(live.run(), arn, why, outcome -> reports.add(() -> {
            RunBot now = live.bot(stopping.key());
            if (now != null && !now.state().terminal() && arn.equals(now.taskArn())) {
                RunBot noted = now.noted(outcome.message());
                store.saveBot(live.id(), noted);
                live.put(noted);
            }
        }));
    }

    private void finishCompletedRuns() {
        for (LiveRun live : new ArrayList<>(active.values())) {
            if (live.allTerminal() && live.bots().stream().noneMatch(bot -> live.isDispatched(bot.key()))) {
                RunState state = live.run().cancelRequested() ? RunState.CANCELLED : RunState.FINISHED;
                Run run = live.run().withState(state, clock.instant());
                store.saveRun(run);
                live.run(run);
                active.remove(live.id());
                onRunEnded.run();
                LOG.infof("Run %s %s", run.id(), state.name().toLowerCase());
            }
        }
    }

    private void forgetIfEnded(LiveRun live) {
        if (!live.run().active()) {
            active.remove(live.id());
        }
    }
}
