package io.reembed.runs;

/** Where one bot of a run stands. */
public enum BotState {
    /** Waiting for a launch slot (or a capacity backoff to pass). */
    QUEUED,
    /** RunTask is being called, or must be called again with the same client token after a restart. */
    LAUNCHING,
    /** The task exists and is PROVISIONING, PENDING or ACTIVATING. */
    STARTING,
    /** The container runs (or is stopping). */
    RUNNING,
    /** The task exited 0 and the bot's SyncStatus is SUCCEEDED for that very task. */
    SUCCEEDED,
    FAILED,
    CANCELLED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }

    /** Counts against the in-flight limit: a task has been asked for and has not ended. */
    public boolean inFlight() {
        return this == LAUNCHING || this == STARTING || this == RUNNING;
    }
}
