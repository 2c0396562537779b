package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.vertx.http.HttpServerStart;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.FailureKind;
import io.reembed.runs.RunEnded;
import io.reembed.runs.Run;
import io.reembed.runs.SpendingCap;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;
import io.reembed.logging.LogText;
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
    private static final Duration FIRST_START_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_START_RETRY = Duration.ofSeconds(30);
    private static final Duration FIRST_START_WAIT = Duration.ofSeconds(10);
    private static final int STOP_WORKERS = 4;
    /** How long an answered request waits for the copy that asked before the driving copy removes it. */
    private static final java.time.Duration UNCOLLECTED = java.time.Duration.ofMinutes(1);

    private final RunRepository store;
    private final RunCoordinator.Ports ports;
    private final EngineSettings settings;
    private final int launchWorkerCount;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final BotCatalog catalog;
    private final Event<RunEnded> ended;
    private volatile RunCoordinator coordinator;
    private volatile ScheduledExecutorService engineThread;
    /** Commands waiting for the engine thread of the current drive. */
    private volatile AtomicInteger commandsWaiting = new AtomicInteger();
    private ExecutorService launchWorkers;
    private ExecutorService stopWorkers;
    private volatile String startFailure;
    private final CountDownLatch firstStartTried = new CountDownLatch(1);
    private volatile Instant lastCycle;
    /** Null when one copy is all there is (reembed.runs.lease.enabled=false). */
    private final EngineLease lease;
    private final StandbyCopy standby;
    private ScheduledExecutorService leaseThread;
    private Instant nextRequests = Instant.MIN;
    private int failedCycles;
    private Instant retryCycleAt = Instant.MIN;
    private Instant nextFailureLog = Instant.MIN;
    /** A write found another copy's newer state: what this copy holds in memory is not to be trusted. */
    private volatile boolean stale;

    @Inject
    public RunEngine(RunRepository store, EcsTasks ecs, SyncStatusSource syncStatus, TaskEndings endings,
            ReembedConfig config, Clock clock, EngineMetrics metrics, BotCatalog catalog, Event<RunEnded> ended) {
        this(store, ecs, syncStatus, endings, config, clock, metrics, catalog, ended, config.runs().lease().copyName());
    }

    /** A copy with a name of its own: a second copy in one JVM, for the tests of two copies. */
    RunEngine(RunRepository store, EcsTasks ecs, SyncStatusSource syncStatus, TaskEndings endings,
            ReembedConfig config, Clock clock, EngineMetrics metrics, BotCatalog catalog, Event<RunEnded> ended,
            Optional<String> copyName) {
        this.ended = ended;
        this.store = store;
        this.ports = new RunCoordinator.Ports(store, ecs, syncStatus, endings);
        this.settings = EngineSettings.from(config);
        this.launchWorkerCount = config.runs().launchWorkers();
        this.clock = clock;
        this.metrics = metrics;
        this.catalog = catalog;
        ReembedConfig.Lease leaseSettings = config.runs().lease();
        this.lease = leaseSettings.enabled()
                ? new EngineLease(store, clock, leaseSettings.duration(), copyName) : null;
        this.standby = lease == null ? null : new StandbyCopy(store, clock, leaseSettings.requestWait(), lease,
                EngineLimits.configured(settings));
    }

    /**
     * Starts once the HTTP server listens (in the demo, DynamoDB is served on that very port), on a
     * thread of its own, and tries again with a growing pause while the store cannot be reached.
     */
    void onHttpServerStart(@ObservesAsync HttpServerStart event) {
        Thread starter = new Thread(this::startUntilStarted, "run-engine-start");
        starter.setDaemon(true);
        starter.start();
    }

    private void startUntilStarted() {
        Duration pause = FIRST_START_RETRY;
        while (!Thread.currentThread().isInterrupted()) {
            try {
                start();
                return;
            } catch (RuntimeException e) {
                // The bot list still works; run pages say the engine is not running, and why.
                startFailure = e.getMessage();
                LOG.errorf("The run engine could not start (runs kept in %s): %s; trying again in %d s",
                        store.location(), e.getMessage(), pause.toSeconds());
            } finally {
                firstStartTried.countDown();
            }
            try {
                Thread.sleep(pause.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LAST_START_RETRY) > 0 ? LAST_START_RETRY : pause.multipliedBy(2);
        }
    }

    /** Commands that come while the engine makes its first start wait for it rather than fail. */
    private void awaitFirstStart() {
        try {
            firstStartTried.await(FIRST_START_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A graceful stop gives the lease up, so that another copy drives runs at once. */
    void onStop(@Observes ShutdownEvent event) {
        stop();
    }

    /** Stops driving and gives the lease up. */
    void stop() {
        halt();
        if (lease != null) {
            lease.release();
        }
    }

    /** Whether this copy drives runs now. */
    public boolean driving() {
        return engineThread != null;
    }

    /** Why the engine is not running, if it failed to start. */
    public Optional<String> startFailure() {
        return Optional.ofNullable(startFailure);
    }

    /**
     * Drives runs if this copy holds (or can take) the lease, at once; otherwise waits as a standby
     * and takes over when the lease is free or runs out.
     */
    public synchronized void start() {
        if (engineThread != null || leaseThread != null) {
            return;
        }
        store.createTableIfMissing();
        startFailure = null;
        if (lease == null) {
            drive();
            firstStartTried.countDown();
            return;
        }
        if (lease.renew()) {
            drive();
        } else {
            LOG.infof("Copy %s does not drive runs: %s does; it serves pages and stores commands as requests",
                    lease.copy(), lease.lastSeen().map(Lease::holder).orElse("another copy"));
        }
        leaseThread = Executors.newSingleThreadScheduledExecutor(named("run-lease"));
        long every = lease.renewEvery().toMillis();
        leaseThread.scheduleWithFixedDelay(this::leaseTick, every, every, TimeUnit.MILLISECONDS);
        firstStartTried.countDown();
    }

    private void leaseTick() {
        boolean held = lease.renew();
        synchronized (this) {
            if (stale && engineThread != null) {
                // Start again from the stored state, if this copy still (or again) holds the lease.
                stopDriving();
                stale = false;
            }
            if (held && engineThread == null && leaseThread != null) {
                LOG.infof("Copy %s took the lease: it drives runs now", lease.copy());
                drive();
            } else if (!held && engineThread != null) {
                LOG.warnf("Copy %s no longer holds the lease (%s does): it stops driving runs", lease.copy(),
                        lease.lastSeen().map(Lease::holder).orElse("no copy"));
                stopDriving();
            }
        }
    }

    /** Loads the unfinished runs from the store and goes on with them. */
    private void drive() {
        launchWorkers = Executors.newFixedThreadPool(launchWorkerCount, named("run-launcher"));
        stopWorkers = Executors.newFixedThreadPool(STOP_WORKERS, named("run-stopper"));
        // Commands waiting for this drive's engine thread (a new drive starts from none).
        AtomicInteger waiting = new AtomicInteger();
        commandsWaiting = waiting;
        RunCoordinator fresh = new RunCoordinator(ports,
                new RunCoordinator.Workers(launchWorkers, stopWorkers, Sleeper.REAL, () -> waiting.get() > 0), settings,
                clock, metrics,
                () -> {
                    catalog.invalidate();
                    ended.fire(new RunEnded());
                });
        fresh.resume(lease == null ? null : lease.copy());
        coordinator = fresh;
        Thread handOver = new Thread(() -> {
            try {
                UnreadLogs.handOver(store, ports.endings(), clock.instant());
            } catch (RuntimeException e) {
                LOG.warnf("Task logs left to read by the last copy were not looked for: %s", e.getMessage());
            }
        }, "run-log-handover");
        handOver.setDaemon(true);
        handOver.start();
        engineThread = Executors.newSingleThreadScheduledExecutor(named("run-engine"));
        engineThread.scheduleWithFixedDelay(() -> cycle(fresh), 0, CYCLE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void cycle(RunCoordinator engine) {
        if (lease != null && !lease.holds()) {
            // The lease is running out unrenewed: nothing more is done until it is renewed or given up.
            return;
        }
        Instant now = clock.instant();
        if (now.isBefore(retryCycleAt)) {
            return;
        }
        try {
            engine.cycle();
            lastCycle = clock.instant();
            applyRequests(engine);
            if (failedCycles > 0) {
                LOG.infof("Run engine cycles work again after %d failed in a row", failedCycles);
                failedCycles = 0;
            }
        } catch (StaleStateException e) {
            staleNow(e);
        } catch (RuntimeException e) {
            failedCycles++;
            // A failure that repeats (a store that refuses, an item that cannot be read) is not logged
            // twenty times a second: the next cycles wait longer, up to 5 s, and the log repeats once a minute.
            long wait = Math.min(5_000, CYCLE_MILLIS << Math.min(failedCycles, 7));
            retryCycleAt = now.plusMillis(wait);
            if (failedCycles == 1 || !now.isBefore(nextFailureLog)) {
                LOG.errorf(e, "Run engine cycle failed (%d in a row); trying again in %d ms", failedCycles, wait);
                nextFailureLog = now.plus(Duration.ofMinutes(1));
            }
        }
    }

    /** Commands other copies stored, applied in order about once a second, each answered with its outcome. */
    private void applyRequests(RunCoordinator engine) {
        Instant now = clock.instant();
        if (lease == null || now.isBefore(nextRequests)) {
            return;
        }
        nextRequests = now.plusSeconds(1);
        boolean confirmed = false;
        try {
            for (EngineRequest request : store.requests()) {
                if (request.outcome() != null) {
                    // Answered, and its copy stopped waiting (or died): nobody will collect it.
                    if (request.at().isBefore(now.minus(UNCOLLECTED))) {
                        store.deleteRequest(request.id());
                    }
                    continue;
                }
                if (!confirmed && !lease.confirm()) {
                    // Another copy took over while this one's clock stood still: it applies them.
                    return;
                }
                confirmed = true;
                Map<String, String> outcome = EngineRequests.apply(engine, request);
                if (request.command() == null) {
                    // Answered all the same, so that the copy that stored it stops waiting and the requests after it go on.
                    LOG.warnf("Could not read request %s: %s", LogText.escape(request.id()), LogText.escape(request.problem()));
                } else {
                    LOG.infof("Applied %s, asked by %s on another copy: %s", request.described(),
                            LogText.escape(request.who()), outcome);
                }
                if (request.command() != null && !request.command().answered()) {
                    store.deleteRequest(request.id());
                } else {
                    store.answerRequest(request.id(), outcome);
                }
            }
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            LOG.debugf("Requests of other copies not read this time: %s", e.getMessage());
        }
    }

    /** Stops at once, as a crash would: nothing more is written, the lease is not given up. For tests of resuming. */
    public synchronized void halt() {
        if (leaseThread != null) {
            leaseThread.shutdownNow();
            leaseThread = null;
        }
        stopDriving();
    }

    /** The lease thread stops, as in a frozen container, while the engine drives on: for the test of a lost lease. */
    synchronized void stopRenewingTheLease() {
        if (leaseThread != null) {
            leaseThread.shutdownNow();
        }
    }

    private synchronized void stopDriving() {
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
        return command(engine -> engine.startRun(bots, ecs, who, selection, where, steering),
                () -> standby.startRun(bots, ecs, who, selection, where, steering));
    }

    public Optional<Run> pause(String runId, String who) {
        return command(new EngineCommand.Pause(runId), who);
    }

    public Optional<Run> resume(String runId, String who) {
        return command(new EngineCommand.Resume(runId), who);
    }

    public Optional<Run> maxInFlight(String runId, Integer tasks, String who) {
        return command(new EngineCommand.MaxInFlight(runId, tasks), who);
    }

    public Optional<Run> cap(String runId, SpendingCap cap, String who) {
        return command(new EngineCommand.Cap(runId, cap), who);
    }

    /** Records the cancel and answers at once; the tasks in flight are stopped by the next cycles. */
    public Optional<Run> cancel(String runId, String who) {
        return command(new EngineCommand.Cancel(runId), who);
    }

    public Optional<RunCoordinator.RetryResult> retry(String runId, Set<BotKey> only, FailureKind kind, String who) {
        return Optional.ofNullable(command(new EngineCommand.Retry(runId, List.copyOf(only), kind), who));
    }

    /** The copy that drives runs while this one stands by (started, not driving, not failed); empty otherwise. */
    public Optional<String> standbyFor() {
        if (lease == null || engineThread != null || startFailure != null || leaseThread == null) {
            return Optional.empty();
        }
        return Optional.of(lease.lastSeen().map(Lease::holder).orElse("no copy yet"));
    }

    /** Whether this copy waits while another drives runs: its commands become requests. */
    private boolean standingBy() {
        awaitFirstStart();
        return lease != null && engineThread == null && startFailure == null;
    }

    /** "this copy (host-ab12)" or "host-cd34": which copy drives runs, for the pages; empty with one copy only. */
    public Optional<String> driver() {
        if (lease == null) {
            return Optional.empty();
        }
        if (engineThread != null) {
            return Optional.of("this copy (" + lease.copy() + ")");
        }
        return Optional.of(lease.lastSeen().map(Lease::holder).orElse("no copy yet") + "; this copy ("
                + lease.copy() + ") shows the stored state and passes commands on");
    }

    /** The limits over all runs now in force; as configured (or last stored) when the engine is not running. */
    public EngineLimits limits() {
        RunCoordinator engine = coordinator;
        return engine != null ? engine.limits()
                : store.loadLimits().orElse(EngineLimits.configured(settings));
    }

    public EngineLimits changeLimits(Double runTaskRate, Integer maxInFlight, String who) {
        return command(new EngineCommand.Limits(runTaskRate, maxInFlight), who);
    }

    public EngineLimits configuredLimits(String who) {
        return command(new EngineCommand.ConfiguredLimits(), who);
    }

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

    /** The tasks in flight really allowed, when the account's capacity (from preflight) is below the limit set. */
    public java.util.OptionalInt ceilingBelowLimit() {
        RunCoordinator engine = coordinator;
        return engine == null ? java.util.OptionalInt.empty() : engine.ceilingBelowLimit();
    }

    /** Tells the engine how many tasks the account can run at once, so that it fills them without refused calls. */
    public void capacityCeiling(int tasks) {
        RunCoordinator engine = coordinator;
        if (engine != null) {
            engine.capacityCeiling(tasks);
        }
    }

    /**
     * The active run that holds this bot in a non-final state, if any: from memory on the copy that
     * drives runs, from the stored runs (read every few seconds) on the others.
     */
    public Optional<String> activeRunOf(BotKey key) {
        RunCoordinator engine = coordinator;
        if (engine != null) {
            return engine.activeRunOf(key);
        }
        return standingBy() ? standby.activeRunOf(key) : Optional.empty();
    }

    private interface Command<T> {
        T on(RunCoordinator engine);
    }

    /**
     * The one way to command the engine: applied on the engine thread if this copy drives runs, else
     * stored as a request for the copy that does, which applies the same record.
     */
    public <R> R command(EngineCommand<R> command, String who) {
        return command(engine -> command.applyTo(engine, who), () -> standby.ask(command, who));
    }

    /**
     * Applies a command on the engine thread if this copy drives runs; otherwise, or when this copy
     * finds it lost the lease (its token no longer in the table, or a write refused as stale), stores
     * it as a request for the copy that drives runs now.
     */
    private <T> T command(Command<T> onEngine, Supplier<T> viaStandby) {
        if (standingBy()) {
            return viaStandby.get();
        }
        try {
            return onEngine(onEngine);
        } catch (LeaseLostException e) {
            // Only a copy with a lease (and so a standby's way of passing commands on) can lose it.
            LOG.warnf("%s; the command is passed on to the copy that does", e.getMessage());
            return viaStandby.get();
        }
    }

    /** This copy found, before or while applying a command, that another copy drives runs now. */
    private static final class LeaseLostException extends RuntimeException {
        LeaseLostException(String message) {
            super(message);
        }
    }

    private <T> T onEngine(Command<T> command) {
        awaitFirstStart();
        ScheduledExecutorService thread = engineThread;
        RunCoordinator engine = coordinator;
        AtomicInteger waiting = commandsWaiting;
        if (thread == null || engine == null) {
            throw new EngineUnavailableException(startFailure().orElse("The run engine is not running"));
        }
        // Counted until it runs: a poll in progress leaves what it has not read for its next cycle.
        waiting.incrementAndGet();
        Callable<T> action = () -> {
            waiting.decrementAndGet();
            confirmLease();
            try {
                return command.on(engine);
            } catch (StaleStateException e) {
                if (lease == null) {
                    throw e;
                }
                staleNow(e);
                throw new LeaseLostException("Copy " + lease.copy() + " no longer drives runs (" + e.getMessage() + ")");
            }
        };
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
            waiting.decrementAndGet();
            throw new EngineUnavailableException("The run engine is stopping");
        }
    }

    /** Before any command: the table, not this copy's clock, says whether it still holds the lease. */
    private void confirmLease() {
        if (lease == null) {
            return;
        }
        boolean held;
        try {
            held = lease.confirm();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw new EngineUnavailableException("Could not check that this copy still drives runs: " + e.getMessage());
        }
        if (!held) {
            throw new LeaseLostException("Copy " + lease.copy() + " no longer holds the lease ("
                    + lease.lastSeen().map(Lease::holder).orElse("no copy") + " does)");
        }
    }

    private void staleNow(StaleStateException e) {
        LOG.warnf("%s; this copy stops driving runs", e.getMessage());
        stale = true;
        if (lease != null) {
            lease.lost();
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
