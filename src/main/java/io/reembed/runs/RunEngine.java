package io.reembed.runs;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoEnvironment;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.AbortedException;

/**
 * Drives every run: one engine thread launches queued bots (through a few launch workers, at
 * the RunTask rate, within the in-flight limit) and polls the tasks in flight, however many
 * browsers watch. Every change is stored before it is acted on, so a restart, even after
 * {@code kill -9}, resumes each run without a second task for any bot and without forgetting one.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);
    private static final DateTimeFormatter RUN_ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final long PUMP_MILLIS = 50;

    private final RunStore store;
    private final RunLauncher launcher;
    private final TaskTracker tracker;
    private final ReembedConfig config;
    private final Clock clock;
    private final BotCatalog catalog;
    private final Map<String, LiveRun> active = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private ScheduledExecutorService engineThread;
    private ExecutorService launchWorkers;
    private volatile long lastPoll;
    private volatile CapacityGauge capacity;
    private volatile String startFailure;

    public RunEngine(RunStore store, RunLauncher launcher, TaskTracker tracker, ReembedConfig config, Clock clock,
            BotCatalog catalog) {
        this.catalog = catalog;
        this.store = store;
        this.launcher = launcher;
        this.tracker = tracker;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes @Priority(DemoEnvironment.STARTUP_PRIORITY + 10) StartupEvent event) {
        try {
            start();
        } catch (RuntimeException e) {
            // The bot list still works; run pages say the engine is not running, and why.
            startFailure = e.getMessage();
            LOG.errorf("The run engine could not start (run table %s): %s", store.table(), e.getMessage());
        }
    }

    /** Why the engine is not running, if it failed to start. */
    public Optional<String> startFailure() {
        return Optional.ofNullable(startFailure);
    }

    void onStop(@Observes ShutdownEvent event) {
        halt();
    }

    /** Loads the unfinished runs from the store and goes on with them. */
    public synchronized void start() {
        if (engineThread != null) {
            return;
        }
        store.createTableIfMissing();
        startFailure = null;
        active.clear();
        for (Run run : store.listRuns(Integer.MAX_VALUE)) {
            if (run.active()) {
                active.put(run.id(), new LiveRun(run, store.loadBots(run.id())));
                LOG.infof("Resuming run %s", run.id());
            }
        }
        engineThread = Executors.newSingleThreadScheduledExecutor(named("run-engine"));
        launchWorkers = Executors.newFixedThreadPool(config.runs().launchWorkers(), named("run-launcher"));
        lastPoll = 0;
        capacity = new CapacityGauge(config.runs().maxInFlight());
        engineThread.scheduleWithFixedDelay(this::cycle, 0, PUMP_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops at once, as a crash would: nothing more is written. For shutdown, and for tests of resuming. */
    public synchronized void halt() {
        if (engineThread == null) {
            return;
        }
        engineThread.shutdownNow();
        launchWorkers.shutdownNow();
        try {
            engineThread.awaitTermination(10, TimeUnit.SECONDS);
            launchWorkers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engineThread = null;
        launchWorkers = null;
        active.clear();
    }

    public record Started(Run run, List<Bot> alreadyActive) {
    }

    /** Stores a new run of these bots and starts it; bots already in flight in another run are left out. */
    public Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who) {
        return onEngine(() -> {
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
            String id = newRunId(now);
            Run run = new Run(id, now, who, ecs, RunState.RUNNING, false, queued.size(),
                    List.of(new AuditEvent(now, who, "started", queued.size() + " bots")), null);
            store.saveBots(id, queued);
            store.saveRun(run);
            active.put(id, new LiveRun(run, queued));
            return new Started(run, busy);
        });
    }

    /** Stops launching, stops the tasks in flight, and marks the rest cancelled. */
    public Optional<Run> cancel(String runId, String who) {
        return onEngine(() -> {
            LiveRun live = active.get(runId);
            if (live == null || live.run().cancelRequested()) {
                return Optional.ofNullable(live).map(LiveRun::run);
            }
            Run run = live.run().cancelling().withAudit(new AuditEvent(clock.instant(), who, "cancelled", ""));
            store.saveRun(run);
            live.run(run);
            cancelUndispatched(live, who);
            return Optional.of(run);
        });
    }

    /** Queues a new attempt for the failed bots of a run, or for one bot of it in any finished state. */
    public Optional<RetryResult> retry(String runId, Optional<BotKey> onlyBot, String who) {
        return onEngine(() -> {
            Optional<Run> stored = active.containsKey(runId) ? Optional.of(active.get(runId).run()) : store.findRun(runId);
            if (stored.isEmpty()) {
                return Optional.empty();
            }
            LiveRun live = active.computeIfAbsent(runId, id -> new LiveRun(stored.get(), store.loadBots(id)));
            Instant now = clock.instant();
            List<RunBot> again = new ArrayList<>();
            for (RunBot bot : live.bots()) {
                boolean wanted = onlyBot.map(key -> key.equals(bot.key()) && bot.state().terminal())
                        .orElse(bot.state() == BotState.FAILED);
                if (wanted && activeRunOf(bot.key()).filter(other -> !other.equals(runId)).isEmpty()) {
                    again.add(bot.retried(now));
                }
            }
            if (onlyBot.isPresent() && !live.contains(onlyBot.get())) {
                return Optional.of(new RetryResult(live.run(), 0, "That bot is not part of this run"));
            }
            if (again.isEmpty()) {
                if (!live.run().active()) {
                    active.remove(runId);
                }
                return Optional.of(new RetryResult(live.run(), 0, "Nothing to retry"));
            }
            store.saveBots(runId, again);
            again.forEach(live::put);
            Run run = live.run().reopened().withAudit(new AuditEvent(now, who, "retried",
                    onlyBot.map(key -> "bot " + key.botId()).orElse(again.size() + " failed bots")));
            store.saveRun(run);
            live.run(run);
            return Optional.of(new RetryResult(run, again.size(), null));
        });
    }

    public record RetryResult(Run run, int queued, String problem) {
    }

    /** The run with its bots: live if it is active, from the store otherwise. */
    public Optional<RunSnapshot> snapshot(String runId) {
        LiveRun live = active.get(runId);
        if (live != null) {
            return Optional.of(new RunSnapshot(live.run(), live.bots(), clock.instant()));
        }
        return store.findRun(runId).map(run -> new RunSnapshot(run, store.loadBots(runId), clock.instant()));
    }

    public List<Run> recentRuns(int limit) {
        List<Run> runs = new ArrayList<>(store.listRuns(limit));
        runs.replaceAll(run -> active.containsKey(run.id()) ? active.get(run.id()).run() : run);
        return runs;
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

    private void cycle() {
        try {
            pump();
            long now = System.nanoTime();
            if (now - lastPoll >= config.runs().pollInterval().toNanos()) {
                lastPoll = now;
                tracker.poll(new ArrayList<>(active.values()));
                finishCompletedRuns();
            }
        } catch (RuntimeException e) {
            LOG.error("Run engine cycle failed; trying again", e);
        }
    }

    /** Hands due bots to the launch workers, oldest run first, within the in-flight limit. */
    private void pump() {
        int inFlight = active.values().stream().mapToInt(LiveRun::inFlight).sum();
        int room = capacity.limit() - inFlight;
        Instant now = clock.instant();
        List<LiveRun> runs = new ArrayList<>(active.values());
        runs.sort(Comparator.comparing(live -> live.run().createdAt()));
        for (LiveRun live : runs) {
            if (live.run().cancelRequested()) {
                cancelUndispatched(live, null);
                continue;
            }
            for (RunBot bot : live.bots()) {
                boolean waiting = bot.state() == BotState.QUEUED || bot.state() == BotState.LAUNCHING;
                if (!waiting || !bot.dueAt(now) || live.isDispatched(bot.key())) {
                    continue;
                }
                if (bot.state() == BotState.QUEUED) {
                    if (room <= 0) {
                        return;
                    }
                    room--;
                }
                live.dispatch(bot.key());
                launchWorkers.submit(() -> launchOne(live, bot));
            }
        }
    }

    private void launchOne(LiveRun live, RunBot bot) {
        try {
            if (live.run().cancelRequested() && bot.clientToken() == null) {
                // Cancelled while it waited for a worker: it never gets a task.
                RunBot cancelled = bot.cancelled("Not launched: the run was cancelled", clock.instant());
                store.saveBot(live.id(), cancelled);
                live.put(cancelled);
                return;
            }
            RunBot result = launcher.launch(live.run(), bot);
            if (result.state() == BotState.STARTING) {
                capacity.launched();
            } else if (result.state() == BotState.QUEUED) {
                capacity.capacityFailure(tasksStarted());
            }
            if (live.run().cancelRequested() && !result.state().terminal()) {
                if (result.taskArn() != null) {
                    launcher.stop(live.run(), result.taskArn(), "Re-embed Console: run cancelled");
                }
                result = result.cancelled("The run was cancelled while this bot was launching", clock.instant());
                store.saveBot(live.id(), result);
            }
            live.put(result);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (AbortedException e) {
            // The engine is halting; the stored state (LAUNCHING, with its token) is resumed on the next start.
            LOG.debugf("Launch of bot %s aborted by a halt", bot.botId());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Launching bot %s of run %s failed", bot.botId(), live.id());
            live.put(bot);
        } finally {
            live.undispatch(bot.key());
        }
    }

    private int tasksStarted() {
        return active.values().stream().mapToInt(live -> (int) live.bots().stream()
                .filter(bot -> bot.state() == BotState.STARTING || bot.state() == BotState.RUNNING).count()).sum();
    }

    private void cancelUndispatched(LiveRun live, String who) {
        Instant now = clock.instant();
        String by = who == null ? "" : " by " + who;
        List<RunBot> waiting = live.bots().stream()
                .filter(bot -> !bot.state().terminal() && !live.isDispatched(bot.key())).toList();
        int orphansStopped = 0;
        if (waiting.stream().anyMatch(bot -> bot.taskArn() == null && bot.clientToken() != null)) {
            // A launch was cut short (a crash): whatever task the run started without recording it is stopped too.
            Set<String> recorded = new HashSet<>();
            live.bots().stream().map(RunBot::taskArn).filter(arn -> arn != null).forEach(recorded::add);
            for (String orphan : launcher.unrecordedTasks(live.run(), recorded)) {
                if (launcher.stop(live.run(), orphan, "Re-embed Console: run cancelled" + by)) {
                    orphansStopped++;
                }
            }
        }
        for (RunBot bot : waiting) {
            String reason;
            if (bot.taskArn() != null) {
                boolean stopped = launcher.stop(live.run(), bot.taskArn(), "Re-embed Console: run cancelled" + by);
                reason = stopped ? "Task stopped: the run was cancelled" + by
                        : "The run was cancelled" + by + "; StopTask failed, the task may still run";
            } else if (bot.clientToken() != null && orphansStopped > 0) {
                reason = "The run was cancelled" + by + " while this bot was launching; the run's " + orphansStopped
                        + " unrecorded task(s) were stopped";
            } else {
                reason = "Not launched: the run was cancelled" + by;
            }
            RunBot cancelled = bot.cancelled(reason, now);
            store.saveBot(live.id(), cancelled);
            live.put(cancelled);
        }
    }

    private void finishCompletedRuns() {
        for (LiveRun live : new ArrayList<>(active.values())) {
            if (live.allTerminal() && live.bots().stream().noneMatch(bot -> live.isDispatched(bot.key()))) {
                RunState state = live.run().cancelRequested() ? RunState.CANCELLED : RunState.FINISHED;
                Run run = live.run().withState(state, clock.instant());
                store.saveRun(run);
                live.run(run);
                active.remove(live.id());
                // The bots' SyncStatus changed: the bot list reads the table again.
                catalog.invalidate();
                LOG.infof("Run %s %s", run.id(), state.name().toLowerCase());
            }
        }
    }

    private String newRunId(Instant now) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            suffix.append("abcdefghijkmnpqrstuvwxyz23456789".charAt(random.nextInt(32)));
        }
        return "r" + RUN_ID_TIME.format(now) + "-" + suffix;
    }

    private <T> T onEngine(Callable<T> action) {
        ScheduledExecutorService thread = engineThread;
        if (thread == null) {
            throw new IllegalStateException("The run engine is not running");
        }
        try {
            return thread.submit(action).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The run engine is busy; try again", e);
        }
    }

    private static java.util.concurrent.ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
