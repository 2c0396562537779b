package io.reembed.runs;

/** The bot's own record of its last embedding, as the conversation table holds it. */
public record BotSyncState(boolean exists, String syncStatus, String syncStatusReason, String lastExecId) {

    public static final BotSyncState GONE = new BotSyncState(false, null, null, null);

    public boolean isFor(String taskId) {
        return taskId != null && taskId.equals(lastExecId);
    }
}
