package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoEnvironment;
import io.reembed.runs.EcsLaunchSettings;
import io.reembed.runs.FailureKind;
import io.reembed.runs.RunEnded;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;
import org.jboss.logging.Logger;

/**
 * The engine's life in the application: one engine thread runs the {@link RunCoordinator}'s
 * commands and cycle, a few launch workers call RunTask, a few stop workers call StopTask. Commands
 * wait for the engine thread, which never waits for a StopTask, so they answer within one cycle.
 */
@ApplicationScoped
public class RunEngine {

    private static final Logger LOG = Logger.getLogger(RunEngine.class);
    private static final long CYCLE_MILLIS = 50;
    private static final int STOP_WORKERS = 4;

    private final RunRepository store;
    private final RunCoordinator.Ports ports;
    private final EngineSettings settings;
    private final int launchWorkerCount;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final BotCatalog catalog;
    private final Event<RunEnded> ended;
    private volatile RunCoordinator coordinator;
    private ScheduledExecutorService engineThread;
    private ExecutorService launchWorkers;
    private ExecutorService stopWorkers;
    private volatile String startFailure;
    private volatile Instant lastCycle;

    public RunEngine(RunRepository store, EcsTasks ecs, SyncStatusSource syncStatus, TaskEndings endings,
            ReembedConfig config, Clock clock, EngineMetrics metrics, BotCatalog catalog, Event<RunEnded> ended) {
        this.ended = ended;
        this.store = store;
        this.ports = new RunCoordinator.Ports(store, ecs, syncStatus, endings);
        this.settings = EngineSettings.from(config.runs());
        this.launchWorkerCount = config.runs().launchWorkers();
        this.clock = clock;
        this.metrics = metrics;
        this.catalog = catalog;
    }

    void onStart(@Observes @Priority(DemoEnvironment.STARTUP_PRIORITY + 10) StartupEvent event) {
        try {
            start();
        } catch (RuntimeException e) {
            // The bot list still works; run pages say the engine is not running, and why.
            startFailure = e.getMessage();
            LOG.errorf("The run engine could not start (runs kept in %s): %s", store.location(), e.getMessage());
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        halt();
    }

    /** Why the engine is not running, if it failed to start. */
    public Optional<String> startFailure() {
        return Optional.ofNullable(startFailure);
    }

    /** Loads the unfinished runs from the store and goes on with them. */
    public synchronized void start() {
        if (engineThread != null) {
            return;
        }
        store.createTableIfMissing();
        startFailure = null;
        launchWorkers = Executors.newFixedThreadPool(launchWorkerCount, named("run-launcher"));
        stopWorkers = Executors.newFixedThreadPool(STOP_WORKERS, named("run-stopper"));
        RunCoordinator fresh = new RunCoordinator(ports,
                new RunCoordinator.Workers(launchWorkers, stopWorkers, Sleeper.REAL), settings, clock, metrics,
                () -> {
                    catalog.invalidate();
                    ended.fire(new RunEnded());
                });
        fresh.resume();
        coordinator = fresh;
        engineThread = Executors.newSingleThreadScheduledExecutor(named("run-engine"));
        engineThread.scheduleWithFixedDelay(() -> {
            try {
                fresh.cycle();
                lastCycle = clock.instant();
            } catch (RuntimeException e) {
                LOG.error("Run engine cycle failed; trying again", e);
            }
        }, 0, CYCLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Stops at once, as a crash would: nothing more is written. For shutdown, and for tests of resuming. */
    public synchronized void halt() {
        if (engineThread == null) {
            return;
        }
        for (ExecutorService pool : List.of(engineThread, launchWorkers, stopWorkers)) {
            pool.shutdownNow();
        }
        try {
            for (ExecutorService pool : List.of(engineThread, launchWorkers, stopWorkers)) {
                pool.awaitTermination(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engineThread = null;
        coordinator = null;
    }

    public RunCoordinator.Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who, String selection,
            String where) {
        return startRun(bots, ecs, who, selection, where, Steering.DEFAULT);
    }

    public RunCoordinator.Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who, String selection,
            String where, Steering steering) {
        return onEngine(engine -> engine.startRun(bots, ecs, who, selection, where, steering));
    }

    public Optional<Run> pause(String runId, String who) {
        return onEngine(engine -> engine.pause(runId, who));
    }

    public Optional<Run> resume(String runId, String who) {
        return onEngine(engine -> engine.resume(runId, who));
    }

    public Optional<Run> maxInFlight(String runId, Integer tasks, String who) {
        return onEngine(engine -> engine.maxInFlight(runId, tasks, who));
    }

    /** Records the cancel and answers at once; the tasks in flight are stopped by the next cycles. */
    public Optional<Run> cancel(String runId, String who) {
        return onEngine(engine -> engine.cancel(runId, who));
    }

    public Optional<RunCoordinator.RetryResult> retry(String runId, Set<BotKey> only, FailureKind kind, String who) {
        return onEngine(engine -> engine.retry(runId, only, kind, who));
    }

    /** The limits over all runs now in force; as configured (or last stored) when the engine is not running. */
    public EngineLimits limits() {
        RunCoordinator engine = coordinator;
        return engine != null ? engine.limits()
                : store.loadLimits().orElse(EngineLimits.configured(settings));
    }

    public EngineLimits changeLimits(Double runTaskRate, Integer maxInFlight, String who) {
        return onEngine(engine -> engine.changeLimits(runTaskRate, maxInFlight, who));
    }

    public EngineLimits configuredLimits(String who) {
        return onEngine(engine -> engine.configuredLimits(who));
    }

    /** The run with its bots: live if it is active, from the store otherwise. */
    public Optional<RunSnapshot> snapshot(String runId) {
        RunCoordinator engine = coordinator;
        Optional<RunSnapshot> live = engine == null ? Optional.empty() : engine.snapshot(runId);
        if (live.isPresent()) {
            return live;
        }
        return store.findRun(runId).map(run -> {
            List<RunBot> bots = store.loadBots(runId);
            return new RunSnapshot(run.withTally(RunTally.of(bots)), bots, clock.instant());
        });
    }

    public List<Run> recentRuns(int limit) {
        RunCoordinator engine = coordinator;
        List<Run> runs = new ArrayList<>(store.listRuns(limit));
        if (engine != null) {
            runs.replaceAll(run -> engine.activeRun(run.id()).orElse(run));
        }
        return runs;
    }

    /** When the engine thread last finished a cycle; null before the first one, or when it is not running. */
    public Optional<Instant> lastCycle() {
        return coordinator == null ? Optional.empty() : Optional.ofNullable(lastCycle);
    }

    /** The active runs and their bots by state; empty when the engine is not running. */
    public RunCoordinator.Census census() {
        RunCoordinator engine = coordinator;
        return engine == null ? new RunCoordinator.Census(Map.of(), Map.of()) : engine.census();
    }

    /** Tasks launching or running now, as the engine counts them; 0 when it is not running. */
    public int tasksInFlight() {
        RunCoordinator engine = coordinator;
        return engine == null ? 0 : engine.tasksInFlight();
    }

    /** Tells the engine how many tasks the account can run at once, so that it fills them without refused calls. */
    public void capacityCeiling(int tasks) {
        RunCoordinator engine = coordinator;
        if (engine != null) {
            engine.capacityCeiling(tasks);
        }
    }

    /** The active run that holds this bot in a non-final state, if any. */
    public Optional<String> activeRunOf(BotKey key) {
        RunCoordinator engine = coordinator;
        return engine == null ? Optional.empty() : engine.activeRunOf(key);
    }

    private interface Command<T> {
        T on(RunCoordinator engine);
    }

    private <T> T onEngine(Command<T> command) {
        ScheduledExecutorService thread = engineThread;
        RunCoordinator engine = coordinator;
        if (thread == null || engine == null) {
            throw new EngineUnavailableException(startFailure().orElse("The run engine is not running"));
        }
        Callable<T> action = () -> command.on(engine);
        try {
            return thread.submit(action).get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new EngineUnavailableException(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineUnavailableException("Interrupted while waiting for the run engine");
        } catch (TimeoutException e) {
            throw new EngineUnavailableException("The run engine is busy; try again");
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new EngineUnavailableException("The run engine is stopping");
        }
    }

    private static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
