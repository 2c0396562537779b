package io.reembed.runs.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

import io.reembed.aws.AwsClientSettings;
import io.reembed.aws.AwsIdentity;
import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.preflight.Preflight;
import io.reembed.preflight.PreflightReport;
import io.reembed.runs.RunRefusedException.Reason;
import io.reembed.runs.engine.EngineLimits;
import io.reembed.runs.engine.RunCoordinator;
import io.reembed.runs.engine.RunEngine;
import io.reembed.runs.engine.SyncStatusSource;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.BotSyncState;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.SpendingCap;
import io.reembed.runs.Steering;
import io.reembed.estimate.Estimate;
import io.reembed.estimate.EstimateStore;
import io.reembed.estimate.Estimator;
import io.reembed.runs.RunStarted;

/**
 * What the run pages and the JSON API can ask for, checked the same way for both: each method
 * answers what was done or throws {@link RunRefusedException} saying why nothing was.
 */
@ApplicationScoped
public class RunService {

    private final RunPlanner planner;
    private final RunEngine engine;
    private final AwsIdentity identity;
    private final Preflight preflight;
    private final String region;
    private final String regionId;
    private final Event<RunStarted> started;
    private final SyncStatusSource syncStatus;
    private final Estimator estimator;
    private final EstimateStore estimates;

    public RunService(RunPlanner planner, RunEngine engine, AwsIdentity identity, Preflight preflight,
            AwsClientSettings aws, Event<RunStarted> started, SyncStatusSource syncStatus, Estimator estimator,
            EstimateStore estimates) {
        this.estimator = estimator;
        this.estimates = estimates;
        this.started = started;
        this.syncStatus = syncStatus;
        this.planner = planner;
        this.engine = engine;
        this.identity = identity;
        this.preflight = preflight;
        this.region = aws.regionLabel();
        this.regionId = aws.region().map(Region::id).orElse(null);
    }

    /** The preflight checks as last made (made again when older than the cache time). */
    public PreflightReport preflight() {
        return preflight.report();
    }

    public RunPlan plan(Selection selection, boolean includeWithoutKnowledge) {
        return planner.plan(selection, includeWithoutKnowledge);
    }

    public record Launched(Run run, List<RunPlan.Exclusion> excluded) {
    }

    /**
     * Launches what the plan says, once; bots that another run took in the meantime are left out.
     * Refused while a preflight check is red.
     */
    public Launched launch(RunPlan plan, String who) {
        return launch(plan, who, Steering.DEFAULT);
    }

    /** Launches with this failure brake (and no share of its own yet). */
    public Launched launch(RunPlan plan, String who, Steering steering) {
        return launch(plan, who, steering, null);
    }

    /** Launches with this steering and, unless null, a spending cap in dollars priced by the run's estimate. */
    public Launched launch(RunPlan plan, String who, Steering steering, Double costCapUsd) {
        preflight.requireLaunchable();
        if (costCapUsd != null && !plan.bots().isEmpty()) {
            steering = steering.capped(spendingCap(costCapUsd, estimator.of(plan.bots(), steering.maxInFlight()),
                    "Nothing was launched."));
        }
        if (!plan.ecs().missing().isEmpty()) {
            throw new RunRefusedException(Reason.SETTINGS_MISSING,
                    "Set " + String.join(", ", plan.ecs().missing()) + " first. Nothing was launched.");
        }
        if (plan.bots().isEmpty()) {
            throw new RunRefusedException(Reason.ALL_LEFT_OUT, "Every selected bot was left out: "
                    + plan.withoutKnowledge() + " without knowledge (\"includeWithoutKnowledge\": true, or the page's "
                    + "\"include bots without knowledge\", insists on them), "
                    + plan.alreadyRunning() + " already being re-embedded. Nothing was launched.");
        }
        AwsIdentity.Known known = identity.get();
        List<Bot> bots = asTheyStandNow(plan.bots());
        RunCoordinator.Started started = engine.startRun(bots, plan.ecs().in(known.account(), regionId), who,
                plan.description(), identity.label() + ", region " + region, steering);
        if (started.run() == null) {
            throw new RunRefusedException(Reason.ALREADY_RUNNING,
                    "Every selected bot is already being re-embedded in another run. Nothing was launched.");
        }
        List<Bot> launched = new ArrayList<>(bots);
        launched.removeAll(started.alreadyActive());
        this.started.fire(new RunStarted(started.run().id(), List.copyOf(launched), steering.maxInFlight()));
        List<RunPlan.Exclusion> excluded = new ArrayList<>(plan.excluded());
        started.alreadyActive().forEach(bot -> excluded.add(new RunPlan.Exclusion(bot,
                "already being re-embedded", engine.activeRunOf(bot.key()).orElse(null))));
        return new Launched(started.run(), List.copyOf(excluded));
    }

    /**
     * The bots with their SyncStatus and LastExecId read from the table now, not as the (possibly
     * older) bot list read them: a queued bot is skipped only if another embedding starts after this.
     * If the table cannot be read, the list's reading stands.
     */
    private List<Bot> asTheyStandNow(List<Bot> bots) {
        Map<BotKey, BotSyncState> now;
        try {
            now = syncStatus.read(bots.stream().map(Bot::key).toList());
        } catch (SdkException e) {
            return bots;
        }
        return bots.stream().map(bot -> {
            BotSyncState state = now.get(bot.key());
            return state == null || !state.exists() ? bot
                    : bot.withSyncState(state.syncStatus(), state.syncStatusReason(), state.lastExecId());
        }).toList();
    }

    public RunSnapshot snapshot(String runId) {
        return engine.snapshot(runId).orElseThrow(() -> noSuchRun(runId));
    }

    /** Why runs cannot be started or listed, if the engine failed to start. */
    public Optional<String> engineProblem() {
        return engine.startFailure();
    }

    public List<Run> recentRuns(int limit) {
        return engine.recentRuns(limit);
    }

    /** Records the cancel; the run's tasks are stopped in the background. */
    public Run cancel(String runId, String who) {
        snapshot(runId);
        return engine.cancel(runId, who).orElseThrow(() -> new RunRefusedException(Reason.ALREADY_ENDED,
                "Run " + runId + " has already ended; nothing was cancelled."));
    }

    /** Launches no new bot until resumed; tasks in flight go on. */
    public Run pause(String runId, String who) {
        snapshot(runId);
        Run run = engine.pause(runId, who).orElseThrow(() -> ended(runId, "paused"));
        if (!run.paused()) {
            throw new RunRefusedException(Reason.ALREADY_ENDED, run.cancelRequested()
                    ? "Run " + runId + " is being cancelled; it cannot be paused." : "Run " + runId + " could not be paused.");
        }
        return run;
    }

    public Run resume(String runId, String who) {
        snapshot(runId);
        preflight.requireLaunchable();
        return engine.resume(runId, who).orElseThrow(() -> ended(runId, "resumed"));
    }

    /** The run's own share of tasks in flight, 1 or more; null for the global limit only. */
    public Run maxInFlight(String runId, Integer tasks, String who) {
        EngineLimits.problem(null, tasks).ifPresent(problem -> {
            throw new RunRefusedException(Reason.BAD_SELECTION, problem + " (or null for the global limit only); "
                    + "nothing was changed.");
        });
        snapshot(runId);
        return engine.maxInFlight(runId, tasks, who).orElseThrow(() -> ended(runId, "changed"));
    }

    /** A new spending cap for a run (0 removes it), priced by the run's estimate at launch. */
    public Run cap(String runId, double costCapUsd, String who) {
        snapshot(runId);
        SpendingCap cap = null;
        if (costCapUsd != 0) {
            Estimate estimate = estimates.find(runId).orElseThrow(() -> new RunRefusedException(Reason.BAD_SELECTION,
                    "Run " + runId + " has no estimate (launched before estimates were kept): no cap can be priced. "
                            + "Nothing was changed."));
            cap = spendingCap(costCapUsd, estimate, "Nothing was changed.");
        }
        return engine.cap(runId, cap, who).orElseThrow(() -> ended(runId, "changed"));
    }

    private static SpendingCap spendingCap(double usd, Estimate estimate, String nothing) {
        if (!(usd > 0) || Double.isInfinite(usd)) {
            throw new RunRefusedException(Reason.BAD_SELECTION, "A spending cap is a number of dollars above 0, not "
                    + usd + ". " + nothing);
        }
        if (estimate.fargateCostUsd() == null || estimate.taskSeconds() <= 0 || estimate.tasks() <= 0) {
            throw new RunRefusedException(Reason.BAD_SELECTION, "A spending cap needs the Fargate price of the run's "
                    + "task size, which the estimate does not know (" + estimate.costBasis() + "). " + nothing);
        }
        return new SpendingCap(usd, estimate.fargateCostUsd() / estimate.taskSeconds(),
                estimate.taskSeconds() / estimate.tasks());
    }

    private static RunRefusedException ended(String runId, String what) {
        return new RunRefusedException(Reason.ALREADY_ENDED, "Run " + runId + " has already ended; nothing was " + what
                + ".");
    }

    /**
     * Queues a new attempt for the failed bots (of one kind, when {@code kind} is given), or for the
     * bots named in any finished state; answers how many.
     */
    public int retry(String runId, Set<BotKey> only, FailureKind kind, String who) {
        snapshot(runId);
        preflight.requireLaunchable();
        RunCoordinator.RetryResult result = engine.retry(runId, only, kind, who).orElseThrow(() -> noSuchRun(runId));
        if (result.refusal() != null) {
            throw new RunRefusedException(result.refusal(), result.problem() + ".");
        }
        return result.queued();
    }

    /** The limits over all runs now in force. */
    /** The tasks in flight really allowed, when the account's capacity (from preflight) is below the limit set. */
    public Integer capacityCeiling() {
        java.util.OptionalInt ceiling = engine.ceilingBelowLimit();
        return ceiling.isPresent() ? ceiling.getAsInt() : null;
    }

    public EngineLimits limits() {
        return engine.limits();
    }

    /**
     * Changes the RunTask rate and the tasks in flight over all runs (null keeps a value); effective
     * at the next engine cycle, stored and audited.
     */
    public EngineLimits changeLimits(Double runTaskRate, Integer maxInFlight, String who) {
        if (runTaskRate == null && maxInFlight == null) {
            throw new RunRefusedException(Reason.BAD_SELECTION, "Give runTaskRate, maxInFlight or both; nothing was "
                    + "changed.");
        }
        EngineLimits.problem(runTaskRate, maxInFlight).ifPresent(problem -> {
            throw new RunRefusedException(Reason.BAD_SELECTION, problem + "; nothing was changed.");
        });
        return engine.changeLimits(runTaskRate, maxInFlight, who);
    }

    /** Back to the limits in the configuration. */
    public EngineLimits configuredLimits(String who) {
        return engine.configuredLimits(who);
    }

    private static RunRefusedException noSuchRun(String runId) {
        return new RunRefusedException(Reason.NO_SUCH_RUN, "There is no run " + runId + ".");
    }
}
