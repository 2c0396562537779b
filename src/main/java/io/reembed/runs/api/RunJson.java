package io.reembed.runs.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.reembed.runs.AuditEvent;
import io.reembed.runs.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;

/** The JSON API's answers about runs. */
public final class RunJson {

    private RunJson() {
    }

    public record BotJson(String pk, String sk, String botId, String state, int attempts, String taskArn,
            String lastStatus, Integer exitCode, String syncStatus, String reason, String failureKind,
            boolean stopRequested) {

        static BotJson of(RunBot bot) {
            return new BotJson(bot.pk(), bot.sk(), bot.botId(), bot.state().name(), bot.attempt(), bot.taskArn(),
                    bot.lastStatus(), bot.exitCode(), bot.syncStatus(), bot.reason(),
                    bot.failureKind() == null ? null : bot.failureKind().name(), bot.stopRequested());
        }
    }

    public record Summary(String id, String state, boolean cancelRequested, String createdAt, String createdBy,
            int total) {

        static Summary of(Run run) {
            return new Summary(run.id(), run.state().name(), run.cancelRequested(), run.createdAt().toString(),
                    run.createdBy(), run.total());
        }
    }

    public record RunList(List<Summary> runs) {
    }

    public record Detail(String id, String state, boolean cancelRequested, String createdAt, String createdBy,
            EcsLaunchSettings ecs, Map<String, Integer> counts, List<AuditEvent> audit, List<BotJson> bots) {

        static Detail of(RunSnapshot snapshot) {
            Run run = snapshot.run();
            Map<String, Integer> counts = new LinkedHashMap<>();
            snapshot.counts().forEach((state, count) -> counts.put(state.name(), count));
            return new Detail(run.id(), run.state().name(), run.cancelRequested(), run.createdAt().toString(),
                    run.createdBy(), run.ecs(), counts, run.audit(), snapshot.bots().stream().map(BotJson::of).toList());
        }
    }

    public record Exclusion(String pk, String sk, String reason) {
    }

    public record Started(String id, int queued, List<Exclusion> excluded) {
    }

    public record Retried(String id, int queued) {
    }
}
