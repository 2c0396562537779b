package io.reembed.runs;

import java.time.Instant;

import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/** What ECS said about a task, reduced to what a verdict needs. */
public record TaskReport(String taskArn, String lastStatus, String stopCode, String stoppedReason, Integer exitCode,
        String containerReason, Instant startedAt) {

    public static TaskReport of(Task task, String containerName) {
        Container container = task.containers().stream().filter(c -> containerName.equals(c.name())).findFirst()
                .orElse(task.containers().isEmpty() ? null : task.containers().get(0));
        return new TaskReport(task.taskArn(), task.lastStatus(), task.stopCodeAsString(), task.stoppedReason(),
                container == null ? null : container.exitCode(), container == null ? null : container.reason(),
                task.startedAt());
    }

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
