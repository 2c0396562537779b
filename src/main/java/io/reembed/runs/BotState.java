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
    CANCELLED,
    /** Not launched: while it waited, something else (the stack's own trigger) started embedding it. */
    SKIPPED;

    public boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED || this == SKIPPED;
    }

    /** Counts against the in-flight limit: a task has been asked for and has not ended. */
    public boolean inFlight() {
        return this == LAUNCHING || this == STARTING || this == RUNNING;
    }
}
