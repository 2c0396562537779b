package io.reembed.runs;

/** How a stopped (or lost) task ended, judged from ECS and from the bot's SyncStatus together. */
public record Verdict(BotState state, String lastStatus, String stopCode, Integer exitCode, String syncStatus,
        String syncStatusReason, String reason, FailureKind kind) {
}
