package io.reembed.runs.engine;

import io.reembed.deployment.EcsLaunchSettings;

/**
 * One task to start, as the reference procedure starts it: the run's ECS settings, the bot's keys
 * (the script's one argument), and what makes the call idempotent and findable (the client token,
 * the run id as startedBy, the run and bot as tags).
 */
public record TaskLaunch(EcsLaunchSettings ecs, String runId, String botId, String pk, String sk, String clientToken) {
}
