package io.reembed.runs;

import java.time.Instant;

/**
 * An earlier attempt of one bot in a run, kept when it is retried: a retry never overwrites a
 * result. {@code retriedBy} is who asked for the next attempt: an operator, or {@link #AUTOMATIC}.
 */
public record Attempt(int number, BotState state, String taskArn, Instant launchedAt, Instant finishedAt,
        String lastStatus, String stopCode, Integer exitCode, String syncStatus, String reason,
        FailureKind failureKind, String retriedBy) {

    /** The engine retried the attempt by itself (a transient failure kind). */
    public static final String AUTOMATIC = "automatic retry";

    public boolean retriedAutomatically() {
        return AUTOMATIC.equals(retriedBy);
    }

    public String exitLabel() {
        return exitCode == null ? "" : "exit " + exitCode;
    }

    public String taskId() {
        return taskArn == null ? null : taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }
}
