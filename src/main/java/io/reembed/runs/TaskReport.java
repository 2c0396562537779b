package io.reembed.runs;

import java.time.Instant;

/** What ECS said about a task, reduced to what a verdict needs. */
public record TaskReport(String taskArn, String lastStatus, String stopCode, String stoppedReason, Integer exitCode,
        String containerReason, Instant startedAt) {


    public boolean stopped() {
        return "STOPPED".equals(lastStatus);
    }

    /** STARTING until the container runs; RUNNING from then until the task has stopped. */
    public BotState runState() {
        return switch (lastStatus == null ? "" : lastStatus) {
            case "PROVISIONING", "PENDING", "ACTIVATING" -> BotState.STARTING;
            default -> BotState.RUNNING;
        };
    }
}
