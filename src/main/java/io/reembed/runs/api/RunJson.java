package io.reembed.runs.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.reembed.bots.BotKey;
import io.reembed.logs.LogLine;
import io.reembed.logs.LogTail;
import io.reembed.logs.TaskLogs;
import io.reembed.estimate.Estimate;
import io.reembed.runs.service.RunPlan;
import io.reembed.runs.Attempt;
import io.reembed.runs.BotState;
import io.reembed.runs.AuditEvent;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;

/** The JSON API's answers about runs. */
public final class RunJson {

    private RunJson() {
    }

    public record BotJson(String pk, String sk, String botId, String state, int attempts, String taskArn,
            String lastStatus, Integer exitCode, String syncStatus, String reason, String logError, String failureKind,
            String notRetriedBecause, int automaticRetries, boolean stopRequested, List<LineJson> logTail,
            String logNote, List<AttemptJson> earlierAttempts) {

        static BotJson of(RunBot bot, LogTail tail) {
            return new BotJson(bot.pk(), bot.sk(), bot.botId(), bot.state().name(), bot.attempt(), bot.taskArn(),
                    bot.lastStatus(), bot.exitCode(), bot.syncStatus(), bot.reason(),
                    tail == null ? null : tail.lastErrorLine(),
                    bot.failureKind() == null ? null : bot.failureKind().word(),
                    bot.state() == BotState.FAILED && bot.failureKind() != null ? bot.failureKind().notRetriedBecause()
                            : null, bot.automaticRetries(), bot.stopRequested(),
                    tail == null ? null : LineJson.of(tail.lines()), tail == null ? null : tail.note(),
                    bot.earlier().stream().map(AttemptJson::of).toList());
        }
    }

    /** A bot's task log: its kept end once the task ended, or the lines so far while it runs ({@code live}). */
    public record BotLogJson(String runId, String pk, String sk, int attempt, String taskArn, String state, boolean live,
            List<LineJson> lines, String note, String stopCode, String stoppedReason, Integer exitCode,
            String ecsConsoleUrl, String logConsoleUrl) {

        static BotLogJson of(String runId, TaskLogs.BotLog log) {
            RunBot bot = log.bot();
            LogTail stored = log.stored();
            return new BotLogJson(runId, bot.pk(), bot.sk(), bot.attempt(), bot.taskArn(), bot.state().name(),
                    stored == null && log.polling(), LineJson.of(log.lines()), log.note(),
                    stored == null ? bot.stopCode() : stored.stopCode(), stored == null ? null : stored.stoppedReason(),
                    stored == null ? bot.exitCode() : stored.exitCode(), log.ecsConsoleUrl(), log.logConsoleUrl());
        }
    }

    /** A log line and when the container wrote it. */
    public record LineJson(String at, String text) {

        public static List<LineJson> of(List<LogLine> lines) {
            return lines.stream().map(line -> new LineJson(RunJson.text(line.at()), line.text())).toList();
        }
    }

    /** One earlier attempt of a bot, as a retry left it. */
    public record AttemptJson(int attempt, String state, String taskArn, String launchedAt, String finishedAt,
            String lastStatus, String stopCode, Integer exitCode, String syncStatus, String reason,
            String failureKind, String retriedBy) {

        static AttemptJson of(Attempt attempt) {
            return new AttemptJson(attempt.number(), attempt.state().name(), attempt.taskArn(),
                    text(attempt.launchedAt()), text(attempt.finishedAt()), attempt.lastStatus(), attempt.stopCode(),
                    attempt.exitCode(), attempt.syncStatus(), attempt.reason(),
                    attempt.failureKind() == null ? null : attempt.failureKind().word(), attempt.retriedBy());
        }
    }

    /**
     * What {@code POST /api/runs?dryRun=true} answers: the estimate of what a launch would do, with
     * the bots it would leave out; nothing stored, nothing launched.
     */
    public record DryRun(int tasks, int sources, double launchTimeSeconds, double expectedDurationSeconds,
            double taskSeconds, int tasksAtOnce, Double fargateCostUsd, String durationBasis, String costBasis,
            List<String> notIncluded, List<Exclusion> excluded) {

        static DryRun of(Estimate estimate, RunPlan plan) {
            return new DryRun(estimate.tasks(), estimate.sources(), estimate.launchTimeSeconds(),
                    estimate.expectedDurationSeconds(), estimate.taskSeconds(), estimate.tasksAtOnce(),
                    estimate.fargateCostUsd(), estimate.durationBasis(), estimate.costBasis(), estimate.notIncluded(),
                    plan.excluded().stream().map(e -> new Exclusion(e.bot().pk(), e.bot().sk(), e.reason(), e.runId()))
                            .toList());
        }
    }

    /** How a run's bots stand by outcome. */
    public record Tally(int succeeded, int failed, int cancelled, int inFlight, int queued, int skipped) {

        static Tally of(RunTally tally) {
            return new Tally(tally.succeeded(), tally.failed(), tally.cancelled(), tally.inFlight(), tally.queued(),
                    tally.skipped());
        }
    }

    public record Summary(String id, String state, String outcome, boolean cancelRequested, String createdAt,
            String createdBy, String finishedAt, long durationSeconds, String selection, int total, Tally tally,
            SteeringJson steering) {

        static Summary of(Run run, Instant now) {
            return new Summary(run.id(), run.state().name(), run.outcome(), run.cancelRequested(),
                    run.createdAt().toString(), run.createdBy(), text(run.finishedAt()),
                    run.duration(now).toSeconds(), run.selection(), run.total(), Tally.of(run.tally()),
                    SteeringJson.of(run.steering()));
        }
    }

    /**
     * How a run is steered: its own share of tasks in flight (null: the global limit), its failure brake,
     * why it is paused, its spending cap in dollars (null: none).
     */
    public record SteeringJson(Integer maxInFlight, int brakeAfter, int brakePercent, String pausedBecause,
            Double costCapUsd) {

        static SteeringJson of(Steering steering) {
            return new SteeringJson(steering.maxInFlight(), steering.brakeAfter(), steering.brakePercent(),
                    steering.pausedBecause(), steering.cap() == null ? null : steering.cap().usd());
        }
    }

    public record RunList(List<Summary> runs) {
    }

    public record Detail(String id, String state, String outcome, boolean cancelRequested, String createdAt,
            String createdBy, String finishedAt, long durationSeconds, String selection, EcsLaunchSettings ecs,
            Map<String, Integer> counts, Tally tally, SteeringJson steering, List<AuditEvent> audit, List<BotJson> bots) {

        static Detail of(RunSnapshot snapshot, Map<BotKey, List<LogTail>> tails) {
            Run run = snapshot.run();
            Map<String, Integer> counts = new LinkedHashMap<>();
            snapshot.counts().forEach((state, count) -> counts.put(state.name(), count));
            return new Detail(run.id(), run.state().name(), run.outcome(), run.cancelRequested(),
                    run.createdAt().toString(), run.createdBy(), text(run.finishedAt()),
                    run.duration(snapshot.at()).toSeconds(), run.selection(), run.ecs(), counts, Tally.of(run.tally()),
                    SteeringJson.of(run.steering()), run.audit(), snapshot.bots().stream()
                            .map(bot -> BotJson.of(bot, LogTail.of(tails, bot.key(), bot.attempt()).orElse(null))).toList());
        }
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }

    /** A bot left out: why, and the run that holds it when that is why. */
    public record Exclusion(String pk, String sk, String reason, String runId) {
    }

    public record Started(String id, int queued, List<Exclusion> excluded) {
    }

    public record Retried(String id, int queued) {
    }
}
