package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.text.Words;
import io.reembed.runs.Attempt;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.BotState;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.SpendingCap;
import io.reembed.runs.Steering;
import io.reembed.logging.LogText;
import org.jboss.logging.Logger;

/**
 * The runs in progress, in memory, and the commands that change them. Commands (start, cancel,
 * retry) and the engine's cycle run on one thread and only record intentions; the
 * {@link Dispatcher} hands launches and stops to their workers, the {@link TaskTracker} polls.
 * Every change is stored before it is acted on, so a restart, even after {@code kill -9}, resumes
 * each run without a second task for any bot and without forgetting one. Reads ({@link #snapshot})
 * are safe from any thread.
 */
public final class RunCoordinator {

    private static final Logger LOG = Logger.getLogger(RunCoordinator.class);

    private final RunRepository store;
    private final EngineSettings settings;
    private final Clock clock;
    private final Dispatcher dispatcher;
    private final TaskTracker tracker;
    private final Runnable onRunEnded;
    private final Map<String, LiveRun> active = new ConcurrentHashMap<>();
    private final StallWatch stalls;
    private Instant nextPoll = Instant.MIN;
    private volatile EngineLimits limits;

    public record Ports(RunRepository store, EcsTasks ecs, SyncStatusSource syncStatus, TaskEndings endings) {

        public Ports(RunRepository store, EcsTasks ecs, SyncStatusSource syncStatus) {
            this(store, ecs, syncStatus, TaskEndings.NONE);
        }
    }

    /**
     * The threads the engine hands work to, and whether a command (a cancel, a pause) waits for the
     * engine's own thread: a poll then leaves the tasks it has not yet read for the next cycle, as a
     * throttled DescribeTasks does, so that the command is applied, and answered, within a batch.
     */
    public record Workers(Executor launches, Executor stops, Sleeper sleeper, BooleanSupplier commandWaiting) {

        public Workers(Executor launches, Executor stops, Sleeper sleeper) {
            this(launches, stops, sleeper, () -> false);
        }
    }

    public RunCoordinator(Ports ports, Workers workers, EngineSettings settings, Clock clock, EngineMetrics metrics,
            Runnable onRunEnded) {
        // The engine's own view of the store: its writes follow the versions it read and wrote.
        ports = new Ports(ports.store().forEngine(), ports.ecs(), ports.syncStatus(), ports.endings());
        this.store = ports.store();
        this.settings = settings;
        this.stalls = new StallWatch(settings.stalledAfter());
        this.clock = clock;
        this.onRunEnded = onRunEnded;
        this.dispatcher = new Dispatcher(ports, workers, settings, clock, metrics, () -> List.copyOf(active.values()));
        this.tracker = new TaskTracker(ports, dispatcher::requestStop, settings, clock, metrics, workers.commandWaiting());
        this.limits = EngineLimits.configured(settings);
    }

    /** Loads the unfinished runs, and the global limits an operator set, from the store, to go on with them. */
    public void resume() {
        resume(null);
    }

    /**
     * As {@link #resume()}; with a copy's name, each run taken on records that this copy drives it
     * from now on. That write also tells any copy still acting on an older reading of the run (one that
     * lost the lease and does not know it yet) that its next write of the run is refused.
     */
    public void resume(String copy) {
        store.loadLimits().ifPresent(stored -> {
            limits = stored;
            dispatcher.limits(stored);
            LOG.infof("Global limits as %s set them: %s", stored.changedBy(), stored.label());
        });
        for (Run listed : store.listRuns(Integer.MAX_VALUE)) {
            if (!listed.active()) {
                continue;
            }
            Optional<RunRepository.Taken> taken = store.takeUp(listed.id());
            if (taken.isEmpty()) {
                continue;
            }
            Run run = taken.get().run();
            if (copy != null) {
                // Written even when nothing is new (this copy starting again after a refused write): it fences older copies.
                List<AuditEvent> trail = run.audit();
                AuditEvent last = trail.isEmpty() ? null : trail.get(trail.size() - 1);
                if (last == null || !(last.action().equals("taken up") && last.who().equals("copy " + copy))) {
                    run = run.withAudit(new AuditEvent(clock.instant(), "copy " + copy, "taken up",
                            "this copy drives the run from now on"));
                }
                store.saveRun(run);
            }
            active.put(run.id(), new LiveRun(run, taken.get().bots()));
            LOG.infof("Resuming run %s", run.id());
        }
    }

    public record Started(Run run, List<Bot> alreadyActive) {
    }

    /** Stores a new run of these bots; bots already in flight in another run are left out. */
    public Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who, String selection, String where) {
        return startRun(bots, ecs, who, selection, where, Steering.DEFAULT);
    }

    public Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who, String selection, String where,
            Steering steering) {
        NewRuns.Stored stored = NewRuns.store(store, clock.instant(), bots, key -> activeRunOf(key).isPresent(), ecs,
                who, selection, where, steering);
        if (stored.run() == null) {
            return new Started(null, stored.busy());
        }
        Run run = stored.run();
        active.put(run.id(), new LiveRun(run, stored.queued()));
        LOG.infof("Run %s started by %s in %s: %d bots (%s)%s", run.id(), LogText.escape(who), where, run.total(),
                LogText.escape(selection),
                stored.busy().isEmpty() ? "" : "; " + stored.busy().size() + " left out, already being re-embedded");
        return new Started(run, stored.busy());
    }

    /**
     * Takes on a run another copy stored (started on a copy that does not drive runs): its bots that
     * an active run here holds already are cancelled with that reason, the others are launched.
     */
    public void adopt(String runId) {
        if (active.containsKey(runId)) {
            return;
        }
        Optional<RunRepository.Taken> stored = store.takeUp(runId).filter(taken -> taken.run().active());
        if (stored.isEmpty()) {
            store.letGo(runId);
            return;
        }
        Instant now = clock.instant();
        List<RunBot> bots = new ArrayList<>();
        List<RunBot> held = new ArrayList<>();
        for (RunBot bot : stored.get().bots()) {
            Optional<String> other = bot.state().terminal() ? Optional.empty() : activeRunOf(bot.key());
            RunBot taken = other.map(id -> bot.cancelled("Not launched: already being re-embedded in run " + id
                    + " (started at the same time on another copy)", now)).orElse(bot);
            bots.add(taken);
            if (taken != bot) {
                held.add(taken);
            }
        }
        store.saveBots(runId, held);
        active.put(runId, new LiveRun(stored.get().run(), bots));
        LOG.infof("Run %s taken on from the store (started on another copy)%s", runId,
                held.isEmpty() ? "" : "; " + held.size() + " bots left out, already being re-embedded");
    }

    /**
     * Records that the run is cancelled and answers at once; the next cycles stop launching, hand
     * the tasks in flight to be stopped, and track them until ECS says they stopped.
     */
    public Optional<Run> cancel(String runId, String who) {
        LiveRun live = active.get(runId);
        if (live == null || live.run().cancelRequested()) {
            return activeRun(runId);
        }
        Run run = live.run().cancelling().withAudit(new AuditEvent(clock.instant(), who, "cancelled", ""));
        store.saveRun(run);
        live.run(run);
        return activeRun(runId);
    }

    /** Launches nothing more until resumed; tasks in flight go on and are tracked. Empty if the run is not active. */
    public Optional<Run> pause(String runId, String who) {
        return change(runId, run -> run.state() == RunState.RUNNING && !run.cancelRequested(),
                run -> run.paused(run.steering().paused("paused by " + who))
                        .withAudit(new AuditEvent(clock.instant(), who, "paused", "")));
    }

    /** Goes on where the run stopped; refused for a run its spending cap paused until the cap is changed. */
    public Optional<Run> resume(String runId, String who) {
        LiveRun live = active.get(runId);
        if (live != null && live.run().paused() && pausedByItsCap(live.run())) {
            SpendingCap cap = live.run().steering().cap();
            throw new RunRefusedException(RunRefusedException.Reason.CAP_REACHED, "Run " + runId + " has spent about "
                    + SpendingCap.usd(cap.spent(live.bots(), clock.instant())) + " of its " + cap.label()
                    + " spending cap: raise the cap first (its page, or PATCH {\"costCapUsd\": …}). Nothing was changed.");
        }
        return change(runId, Run::paused,
                run -> run.resumed().withAudit(new AuditEvent(clock.instant(), who, "resumed", "")));
    }

    /** The run's spending cap (null: none), effective at the next cycle; a run it paused stays paused until resumed. */
    public Optional<Run> cap(String runId, SpendingCap cap, String who) {
        return change(runId, run -> true, run -> run.withSteering(pausedByItsCap(run)
                ? run.steering().capped(cap).paused("paused at its spending cap, now " + (cap == null ? "none" : cap.label())
                        + ": resume to go on")
                : run.steering().capped(cap))
                .withAudit(new AuditEvent(clock.instant(), who, "spending cap", (cap == null ? "none" : cap.label())
                        + (run.steering().cap() == null ? "" : " (was " + run.steering().cap().label() + ")"))));
    }

    /** The run's own share of tasks in flight (null: the global limit only), effective at the next cycle. */
    public Optional<Run> maxInFlight(String runId, Integer tasks, String who) {
        return change(runId, run -> true, run -> run.withSteering(run.steering().maxInFlight(tasks))
                .withAudit(new AuditEvent(clock.instant(), who, "concurrency",
                        tasks == null ? "the global limit only" : "at most " + tasks + " tasks in flight")));
    }

    /** The limits over all runs now in force. Any thread. */
    public EngineLimits limits() {
        return limits;
    }

    /**
     * Changes the limits over all runs (null keeps a value), effective from the next cycle: stored,
     * so they outlive a restart, and written to the audit trail of every active run.
     */
    public EngineLimits changeLimits(Double runTaskRate, Integer maxInFlight, String who) {
        Instant now = clock.instant();
        EngineLimits changed = new EngineLimits(runTaskRate != null ? runTaskRate : limits.runTaskRate(),
                maxInFlight != null ? maxInFlight : limits.maxInFlight(), now, who);
        store.saveLimits(changed);
        return apply(changed, who, now);
    }

    /** Back to the limits in the configuration; audited as a change. */
    public EngineLimits configuredLimits(String who) {
        store.clearLimits();
        return apply(EngineLimits.configured(settings), who, clock.instant());
    }

    private EngineLimits apply(EngineLimits changed, String who, Instant now) {
        limits = changed;
        dispatcher.limits(changed);
        String detail = "over all runs: " + changed.label() + (changed.changed() ? "" : " (as configured)");
        for (LiveRun live : active.values()) {
            Run run = live.run().withAudit(new AuditEvent(now, who, "global limits", detail));
            store.saveRun(run);
            live.run(run);
        }
        LOG.infof("Global limits changed by %s: %s", LogText.escape(who), changed.label());
        return changed;
    }

    private Optional<Run> change(String runId, Predicate<Run> applies, UnaryOperator<Run> change) {
        LiveRun live = active.get(runId);
        if (live != null && applies.test(live.run())) {
            Run run = change.apply(live.run());
            store.saveRun(run);
            live.run(run);
        }
        return activeRun(runId);
    }

    /**
     * The failure brake: a running run pauses itself once more than its brake's share of at least
     * its brake's number of finished bots failed, and again only after more fail.
     */
    private void applyBrakes() {
        for (LiveRun live : active.values()) {
            Run run = live.run();
            if (run.state() != RunState.RUNNING || run.cancelRequested()) {
                continue;
            }
            RunTally tally = RunTally.of(live.bots());
            if (run.steering().trips(tally.succeeded(), tally.failed())) {
                int finished = tally.succeeded() + tally.failed();
                String why = "failure brake: " + tally.failed() + " of " + finished + " finished bots failed (more than "
                        + run.steering().brakePercent() + " %)" + failureKinds(live.bots());
                Run braked = run.paused(run.steering().braked(why, tally.failed()))
                        .withAudit(new AuditEvent(clock.instant(), "failure brake", "paused", why));
                store.saveRun(braked);
                live.run(braked);
                LOG.warnf("Run %s paused by its %s", run.id(), why);
            }
        }
    }

    /**
     * A running run whose spending cap leaves no room for one more task while bots wait pauses, as the
     * failure brake pauses it; its tasks in flight go on. The launch workers never start a task beyond
     * the cap meanwhile (see {@link Dispatcher}).
     */
    private void applyCaps() {
        for (LiveRun live : active.values()) {
            Run run = live.run();
            SpendingCap cap = run.steering().cap();
            if (cap == null || run.state() != RunState.RUNNING || run.cancelRequested()
                    || live.capRoom(clock.instant()) > 0 || !hasQueued(live)) {
                continue;
            }
            Instant now = clock.instant();
            List<RunBot> bots = live.bots();
            String why = "spending cap " + cap.label() + " reached (" + SpendingCap.usd(cap.spent(bots, now)) + " spent, "
                    + SpendingCap.usd(cap.inFlight(bots, bot -> live.isDispatched(bot.key()), now)) + " in flight; another "
                    + "task would add about " + SpendingCap.usd(cap.taskCost()) + ")";
            Run capped = run.paused(run.steering().paused(why)).withAudit(new AuditEvent(now, "spending cap", "paused", why));
            store.saveRun(capped);
            live.run(capped);
            LOG.warnf("Run %s paused: %s", run.id(), why);
        }
    }

    private static boolean pausedByItsCap(Run run) {
        String why = run.steering().pausedBecause();
        return run.paused() && why != null && why.startsWith("spending cap ") && why.contains(" reached (");
    }

    private static boolean hasQueued(LiveRun live) {
        return live.bots().stream().anyMatch(bot -> bot.state() == BotState.QUEUED && !live.isDispatched(bot.key()));
    }

    private static String failureKinds(List<RunBot> bots) {
        Map<FailureKind, Integer> kinds = new EnumMap<>(FailureKind.class);
        bots.stream().filter(bot -> bot.state() == BotState.FAILED && bot.failureKind() != null)
                .forEach(bot -> kinds.merge(bot.failureKind(), 1, Integer::sum));
        return kinds.isEmpty() ? "" : "; by kind: " + String.join(", ", kinds.entrySet().stream()
                .map(kind -> kind.getKey().name().toLowerCase() + " " + kind.getValue()).toList());
    }

    /** A run in which nothing moved for stalled-after while bots wait says so in its trail, once per stall. */
    private void noticeStalls(Instant now) {
        for (LiveRun live : stalls.stalled(active.values(), now)) {
            RunTally tally = RunTally.of(live.bots());
            String detail = "no bot changed state for " + Words.duration(stalls.after()) + "; "
                    + Words.count(tally.queued(), "bot") + " queued, " + tally.inFlight() + " in flight";
            Run run = live.run().withAudit(new AuditEvent(now, "console", "no progress", detail));
            store.saveRun(run);
            live.run(run);
            LOG.warnf("Run %s: %s", run.id(), detail);
        }
    }

    /**
     * Bots whose task failed for a transient kind get a new attempt (a new task, its own token)
     * after a backoff, up to auto-retries times since an operator last asked; the others stay
     * failed with the reason they are not retried. Not in a run being cancelled.
     */
    private void retryTransientFailures(Instant now) {
        if (settings.autoRetries() <= 0) {
            return;
        }
        for (LiveRun live : active.values()) {
            if (live.run().cancelRequested()) {
                continue;
            }
            List<RunBot> again = new ArrayList<>();
            Map<FailureKind, Integer> kinds = new EnumMap<>(FailureKind.class);
            for (RunBot bot : live.bots()) {
                if (bot.state() == BotState.FAILED && bot.failureKind() != null
                        && bot.failureKind().retriedAutomatically() && bot.automaticRetries() < settings.autoRetries()) {
                    again.add(bot.retriedAutomatically(now, now.plus(settings.autoRetryWait(bot.automaticRetries() + 1))));
                    kinds.merge(bot.failureKind(), 1, Integer::sum);
                }
            }
            if (again.isEmpty()) {
                continue;
            }
            store.saveBots(live.id(), again);
            again.forEach(live::put);
            String detail = (again.size() == 1 ? "bot " + again.get(0).botId() : again.size() + " bots") + ": "
                    + String.join(", ", kinds.entrySet().stream().map(e -> e.getKey().word() + " " + e.getValue()).toList());
            Run run = live.run().withAudit(new AuditEvent(now, Attempt.AUTOMATIC, "retried automatically", detail));
            store.saveRun(run);
            live.run(run);
            LOG.infof("Run %s: %s retried automatically", live.id(), detail);
        }
    }

    /** What a retry queued, or why it queued nothing. */
    public record RetryResult(Run run, int queued, RunRefusedException.Reason refusal, String problem) {

        static RetryResult refused(Run run, RunRefusedException.Reason refusal, String problem) {
            return new RetryResult(run, 0, refusal, problem);
        }
    }

    /**
     * Queues a new attempt for the failed bots of a run, or (when {@code only} names bots) for those
     * bots in any finished state: failed, cancelled or succeeded. Earlier attempts are kept.
     */
    public Optional<RetryResult> retry(String runId, Set<BotKey> only, String who) {
        return retry(runId, only, null, who);
    }

    /** As {@link #retry(String, Set, String)}; with a kind (and no bots named), the failed bots of that kind only. */
    public Optional<RetryResult> retry(String runId, Set<BotKey> only, FailureKind kind, String who) {
        LiveRun live = active.containsKey(runId) ? active.get(runId) : takeUp(runId);
        if (live == null) {
            return Optional.empty();
        }
        if (only.stream().anyMatch(key -> !live.contains(key))) {
            forgetIfEnded(live);
            return Optional.of(RetryResult.refused(live.run(), RunRefusedException.Reason.UNKNOWN_BOT,
                    (only.size() == 1 ? "That bot is" : "A bot named is") + " not part of run " + runId));
        }
        if (live.run().cancelRequested() && live.run().active()) {
            return Optional.of(RetryResult.refused(live.run(), RunRefusedException.Reason.NOTHING_TO_RETRY,
                    "The run is being cancelled; retry when it has ended"));
        }
        Instant now = clock.instant();
        List<RunBot> again = new ArrayList<>();
        for (RunBot bot : live.bots()) {
            boolean wanted = only.isEmpty() ? bot.state() == BotState.FAILED && (kind == null || kind == bot.failureKind())
                    : only.contains(bot.key()) && bot.state().terminal();
            if (wanted && activeRunOf(bot.key()).filter(other -> !other.equals(runId)).isEmpty()) {
                again.add(bot.retried(now, who));
            }
        }
        if (again.isEmpty()) {
            forgetIfEnded(live);
            return Optional.of(RetryResult.refused(live.run(), RunRefusedException.Reason.NOTHING_TO_RETRY,
                    only.isEmpty() ? "Nothing to retry: no bot of the run failed" + (kind == null ? "" : " as " + kind.word())
                            : "Nothing to retry: the bots named have not finished, or another run holds them"));
        }
        store.saveBots(runId, again);
        again.forEach(live::put);
        String detail = again.size() == 1 ? "bot " + again.get(0).botId()
                : again.size() + (only.isEmpty() ? " failed bots" : " bots");
        if (kind != null && only.isEmpty()) {
            detail += " (" + kind.word() + ")";
        }
        Run run = live.run().reopened().withAudit(new AuditEvent(now, who, "retried", detail));
        store.saveRun(run);
        live.run(run);
        return Optional.of(new RetryResult(run, again.size(), null, null));
    }

    /** A finished run read again to be retried: held until the retry is refused or the run ends again. */
    private LiveRun takeUp(String runId) {
        Optional<RunRepository.Taken> stored = store.takeUp(runId);
        if (stored.isEmpty()) {
            return null;
        }
        LiveRun live = new LiveRun(stored.get().run(), stored.get().bots());
        active.put(runId, live);
        return live;
    }

    /** The run with its bots, if the engine is working on it. */
    public Optional<RunSnapshot> snapshot(String runId) {
        LiveRun live = active.get(runId);
        if (live == null) {
            return Optional.empty();
        }
        List<RunBot> bots = live.bots();
        return Optional.of(new RunSnapshot(live.run().withTally(RunTally.of(bots)), bots, clock.instant()));
    }

    /** The record of a run the engine is working on, if it is. */
    public Optional<Run> activeRun(String runId) {
        return Optional.ofNullable(active.get(runId)).map(live -> live.run().withTally(RunTally.of(live.bots())));
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

    /** The active runs by state, and their bots by state. Any thread. */
    public record Census(Map<RunState, Integer> runs, Map<BotState, Integer> bots) {
    }

    public Census census() {
        Map<RunState, Integer> runs = new EnumMap<>(RunState.class);
        Map<BotState, Integer> bots = new EnumMap<>(BotState.class);
        for (LiveRun live : active.values()) {
            runs.merge(live.run().state(), 1, Integer::sum);
            for (RunBot bot : live.bots()) {
                bots.merge(bot.state(), 1, Integer::sum);
            }
        }
        return new Census(runs, bots);
    }

    /** Tasks launching or running at the last cycle, over all runs. Any thread. */
    public int tasksInFlight() {
        return dispatcher.tasksInFlight();
    }

    /** The tasks the account can run at once, when that is below the in-flight limit set. Any thread. */
    public java.util.OptionalInt ceilingBelowLimit() {
        return dispatcher.ceilingBelowConfigured();
    }

    /** The tasks the account can run at once (from preflight); the in-flight limit never exceeds it. Any thread. */
    public void capacityCeiling(int tasks) {
        dispatcher.capacityCeiling(tasks);
    }

    /** One turn of the engine: apply the workers' reports, launch what is due, poll when it is time. */
    public void cycle() {
        dispatcher.failIfStale();
        dispatcher.applyReports();
        applyCaps();
        dispatcher.pump();
        Instant now = clock.instant();
        if (!now.isBefore(nextPoll)) {
            nextPoll = now.plus(settings.pollInterval());
            tracker.poll(new ArrayList<>(active.values()));
            retryTransientFailures(now);
            applyBrakes();
            noticeStalls(now);
            finishCompletedRuns();
        }
    }

    private void finishCompletedRuns() {
        for (LiveRun live : new ArrayList<>(active.values())) {
            if (live.allTerminal() && live.bots().stream().noneMatch(bot -> live.isDispatched(bot.key()))) {
                RunState state = live.run().cancelRequested() ? RunState.CANCELLED : RunState.FINISHED;
                RunTally tally = RunTally.of(live.bots());
                Instant now = clock.instant();
                Run ended = live.run().withState(state, now).withTally(tally);
                // The trail says how it ended, in the words of the run list: what notifications report.
                Run run = ended.withAudit(new AuditEvent(now, "console", "ended", ended.outcome() + " in "
                        + Words.duration(ended.duration(now))));
                store.saveRun(run);
                live.run(run);
                active.remove(live.id());
                store.letGo(live.id());
                onRunEnded.run();
                LOG.infof("Run %s %s after %d s: %d succeeded, %d failed, %d cancelled", run.id(), run.outcome(),
                        run.duration(clock.instant()).toSeconds(), tally.succeeded(), tally.failed(), tally.cancelled());
            }
        }
    }

    private void forgetIfEnded(LiveRun live) {
        if (!live.run().active()) {
            active.remove(live.id());
            store.letGo(live.id());
        }
    }
}
