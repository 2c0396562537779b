package io.reembed.runs.engine;

import java.util.List;

import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.RunBot;
import io.reembed.runs.TaskReport;

/** Told, on the engine thread, that a bot's task has ended and its verdict is stored: must return at once. */
@FunctionalInterface
public interface TaskEndings {

    TaskEndings NONE = (runId, ecs, bot, report) -> { };

    /** {@code report} is ECS's last word on the task, or null when it was lost (MISSING). */
    void ended(String runId, EcsLaunchSettings ecs, RunBot bot, TaskReport report);

    /**
     * Bots of a run whose tasks ended, told when a copy starts to drive runs: whatever was still to
     * be done about them when the last copy stopped (a read queued in its memory) is done now. Off the
     * engine thread.
     */
    default void unread(String runId, EcsLaunchSettings ecs, List<RunBot> ended) {
    }
}
