package io.reembed.runs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.reembed.runs.Run;
import io.reembed.runs.RunBot;

/**
 * The reads of task logs a copy had queued in memory when it stopped (a restart, a takeover) are
 * not lost: the bots' items say which tasks ended, and the copy that drives runs next hands those
 * of the active runs and of the runs that ended in the last hour to {@link TaskEndings#unread}.
 */
final class UnreadLogs {

    private static final Duration RECENT = Duration.ofHours(1);
    private static final int RUNS_LOOKED_AT = 100;

    private UnreadLogs() {
    }

    static void handOver(RunRepository store, TaskEndings endings, Instant now) {
        for (Run run : store.listRuns(RUNS_LOOKED_AT)) {
            if (!run.active() && (run.finishedAt() == null || run.finishedAt().isBefore(now.minus(RECENT)))) {
                continue;
            }
            List<RunBot> ended = store.loadBots(run.id()).stream()
                    .filter(bot -> bot.state().terminal() && bot.taskArn() != null).toList();
            if (!ended.isEmpty()) {
                endings.unread(run.id(), run.ecs(), ended);
            }
        }
    }
}
