package io.reembed.runs.engine;

import io.reembed.runs.EcsLaunchSettings;
import io.reembed.runs.RunBot;
import io.reembed.runs.TaskReport;

/** Told, on the engine thread, that a bot's task has ended and its verdict is stored: must return at once. */
@FunctionalInterface
public interface TaskEndings {

    TaskEndings NONE = (runId, ecs, bot, report) -> { };

    /** {@code report} is ECS's last word on the task, or null when it was lost (MISSING). */
    void ended(String runId, EcsLaunchSettings ecs, RunBot bot, TaskReport report);
}
