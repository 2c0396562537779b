package io.reembed.runs;

import java.util.Set;

/**
 * Decides how a task ended. Neither source is enough alone: the embedding script catches its own
 * errors and exits 0 after writing FAILED, and a killed container writes nothing, leaving the bot
 * RUNNING. So a bot SUCCEEDED only when its task exited 0 and the bot's SyncStatus is SUCCEEDED
 * for that very task (LastExecId); otherwise it FAILED with the most specific reason known.
 */
public final class OutcomeJudge {

    /** Stop codes of tasks AWS itself ended (Spot reclaimed, host retired, unhealthy infrastructure). */
    private static final Set<String> INTERRUPTIONS = Set.of("SpotInterruption", "TerminationNotice",
            "InfrastructureHealth");

    private OutcomeJudge() {
    }

    /** A task that ECS reports STOPPED. */
    public static Verdict stopped(RunBot bot, TaskReport task, BotSyncState sync) {
        String taskId = bot.taskId();
        boolean ownStatus = sync.isFor(taskId);
        String status = sync.syncStatus();
        Integer exit = task.exitCode();
        if (Integer.valueOf(0).equals(exit) && ownStatus && "SUCCEEDED".equals(status)) {
            return verdict(BotState.SUCCEEDED, task, sync, null, null);
        }
        if ("TaskFailedToStart".equals(task.stopCode())) {
            return verdict(BotState.FAILED, task, sync, "The task failed to start: " + task.stoppedReason(),
                    FailureKind.START);
        }
        if (INTERRUPTIONS.contains(task.stopCode())) {
            return verdict(BotState.FAILED, task, sync, "AWS interrupted the task (" + task.stopCode() + ": "
                    + task.stoppedReason() + "); the bot's SyncStatus says " + describe(sync, taskId),
                    FailureKind.INTERRUPTED);
        }
        if (ownStatus && "FAILED".equals(status)) {
            return verdict(BotState.FAILED, task, sync, "Embedding failed: " + sync.syncStatusReason(),
                    FailureKind.CONTENT);
        }
        // A stop ends in SIGKILL (137) after its grace: stopped, not killed for memory.
        if ("UserInitiated".equals(task.stopCode())) {
            return verdict(BotState.FAILED, task, sync, "Stopped outside this run: " + task.stoppedReason(),
                    FailureKind.STOPPED);
        }
        if (Integer.valueOf(137).equals(exit) || (task.containerReason() != null
                && task.containerReason().contains("OutOfMemory"))) {
            return verdict(BotState.FAILED, task, sync, "The container was killed (exit code " + exit + ")"
                    + (task.containerReason() == null ? "" : ": " + task.containerReason())
                    + "; the bot's SyncStatus still says " + describe(sync, taskId), FailureKind.KILLED);
        }
        if (!sync.exists()) {
            return verdict(BotState.FAILED, task, sync, "The bot no longer exists in the conversation table",
                    FailureKind.INPUT);
        }
        if (exit == null) {
            // The container never ran: ECS stopped the task before (the start-up failures without TaskFailedToStart).
            return verdict(BotState.FAILED, task, sync, "The task stopped (" + task.stopCode() + ": "
                    + task.stoppedReason() + ") without a container exit code", FailureKind.START);
        }
        if (exit != 0) {
            return verdict(BotState.FAILED, task, sync, "The container exited with code " + exit
                    + " before recording a result; the bot's SyncStatus says " + describe(sync, taskId),
                    FailureKind.INPUT);
        }
        return verdict(BotState.FAILED, task, sync, "The container exited 0, but the bot's SyncStatus says "
                + describe(sync, taskId), FailureKind.INPUT);
    }

    /**
     * A task the engine asked to stop (the run was cancelled, or the task was stuck). A success
     * that beat the stop stands; anything else ends as the reason for the stop says.
     */
    public static Verdict stoppedOnRequest(RunBot bot, Verdict natural, boolean runCancelled) {
        if (natural.state() == BotState.SUCCEEDED) {
            return natural;
        }
        if (runCancelled) {
            return new Verdict(BotState.CANCELLED, natural.lastStatus(), natural.stopCode(), natural.exitCode(),
                    natural.syncStatus(), natural.syncStatusReason(), "Task stopped: " + bot.stopReason(), null);
        }
        return new Verdict(BotState.FAILED, natural.lastStatus(), natural.stopCode(), natural.exitCode(),
                natural.syncStatus(), natural.syncStatusReason(), bot.stopReason(), FailureKind.STOPPED);
    }

    /** A task ECS no longer knows (forgotten after an hour, or never seen): only the bot's record is left. */
    public static Verdict lost(RunBot bot, BotSyncState sync) {
        String taskId = bot.taskId();
        TaskReport unknown = new TaskReport(bot.taskArn(), bot.lastStatus(), null, null, null, null, null);
        if (sync.isFor(taskId) && "SUCCEEDED".equals(sync.syncStatus())) {
            return verdict(BotState.SUCCEEDED, unknown, sync,
                    "ECS no longer knows the task; the bot's SyncStatus records its success", null);
        }
        if (sync.isFor(taskId) && "FAILED".equals(sync.syncStatus())) {
            return verdict(BotState.FAILED, unknown, sync, "Embedding failed: " + sync.syncStatusReason()
                    + " (ECS no longer knows the task)", FailureKind.CONTENT);
        }
        return verdict(BotState.FAILED, unknown, sync, "ECS has no record of the task (MISSING); the bot's "
                + "SyncStatus says " + describe(sync, taskId), FailureKind.LOST);
    }

    private static String describe(BotSyncState sync, String taskId) {
        if (!sync.exists()) {
            return "nothing: the bot is gone";
        }
        String status = sync.syncStatus() == null ? "no status" : sync.syncStatus();
        if (sync.isFor(taskId)) {
            return status + " for this task";
        }
        return status + (sync.lastExecId() == null ? " (never run)" : " for another task (" + sync.lastExecId() + ")");
    }

    private static Verdict verdict(BotState state, TaskReport task, BotSyncState sync, String reason,
            FailureKind kind) {
        return new Verdict(state, task.lastStatus(), task.stopCode(), task.exitCode(), sync.syncStatus(),
                sync.syncStatusReason(), reason, kind);
    }
}
