package io.reembed.runs.api;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.reembed.runs.Attempt;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunTally;

/** The JSON API's answers about runs. */
public final class RunJson {

    private RunJson() {
    }

    public record BotJson(String pk, String sk, String botId, String state, int attempts, String taskArn,
            String lastStatus, Integer exitCode, String syncStatus, String reason, String failureKind,
            boolean stopRequested, List<AttemptJson> earlierAttempts) {

        static BotJson of(RunBot bot) {
            return new BotJson(bot.pk(), bot.sk(), bot.botId(), bot.state().name(), bot.attempt(), bot.taskArn(),
                    bot.lastStatus(), bot.exitCode(), bot.syncStatus(), bot.reason(),
                    bot.failureKind() == null ? null : bot.failureKind().name(), bot.stopRequested(),
                    bot.earlier().stream().map(AttemptJson::of).toList());
        }
    }

    /** One earlier attempt of a bot, as a retry left it. */
    public record AttemptJson(int attempt, String state, String taskArn, String launchedAt, String finishedAt,
            String lastStatus, String stopCode, Integer exitCode, String syncStatus, String reason,
            String failureKind) {

        static AttemptJson of(Attempt attempt) {
            return new AttemptJson(attempt.number(), attempt.state().name(), attempt.taskArn(),
                    text(attempt.launchedAt()), text(attempt.finishedAt()), attempt.lastStatus(), attempt.stopCode(),
                    attempt.exitCode(), attempt.syncStatus(), attempt.reason(),
                    attempt.failureKind() == null ? null : attempt.failureKind().name());
        }
    }

    /** How a run's bots stand by outcome. */
    public record Tally(int succeeded, int failed, int cancelled, int inFlight, int queued) {

        static Tally of(RunTally tally) {
            return new Tally(tally.succeeded(), tally.failed(), tally.cancelled(), tally.inFlight(), tally.queued());
        }
    }

    public record Summary(String id, String state, String outcome, boolean cancelRequested, String createdAt,
            String createdBy, String finishedAt, long durationSeconds, String selection, int total, Tally tally) {

        static Summary of(Run run, Instant now) {
            return new Summary(run.id(), run.state().name(), run.outcome(), run.cancelRequested(),
                    run.createdAt().toString(), run.createdBy(), text(run.finishedAt()),
                    run.duration(now).toSeconds(), run.selection(), run.total(), Tally.of(run.tally()));
        }
    }

    public record RunList(List<Summary> runs) {
    }

    public record Detail(String id, String state, String outcome, boolean cancelRequested, String createdAt,
            String createdBy, String finishedAt, long durationSeconds, String selection, EcsLaunchSettings ecs,
            Map<String, Integer> counts, Tally tally, List<AuditEvent> audit, List<BotJson> bots) {

        static Detail of(RunSnapshot snapshot) {
            Run run = snapshot.run();
            Map<String, Integer> counts = new LinkedHashMap<>();
            snapshot.counts().forEach((state, count) -> counts.put(state.name(), count));
            return new Detail(run.id(), run.state().name(), run.outcome(), run.cancelRequested(),
                    run.createdAt().toString(), run.createdBy(), text(run.finishedAt()),
                    run.duration(snapshot.at()).toSeconds(), run.selection(), run.ecs(), counts, Tally.of(run.tally()),
                    run.audit(), snapshot.bots().stream().map(BotJson::of).toList());
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
