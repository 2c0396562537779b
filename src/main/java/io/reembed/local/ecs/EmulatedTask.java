package io.reembed.local.ecs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One simulated Fargate task. Mutated only by {@link EcsEmulator} while it holds its lock. */
final class EmulatedTask {

    enum Status {
        PROVISIONING, PENDING, ACTIVATING, RUNNING, DEACTIVATING, STOPPING, DEPROVISIONING, STOPPED
    }

    final String id;
    final String arn;
    final String clusterArn;
    final String taskDefinitionArn;
    final String containerName;
    final String group;
    final String startedBy;
    final JsonNode overrides;
    final List<String> command;
    final Instant createdAt;
    final boolean stuck;
    final List<Map.Entry<String, String>> tags = new ArrayList<>();

    Status lastStatus = Status.PROVISIONING;
    String desiredStatus = "RUNNING";
    /** When the next transition is due; null while the container is being started. */
    Instant nextAt;
    Instant pullStartedAt;
    Instant pullStoppedAt;
    Instant startedAt;
    Instant stoppingAt;
    Instant executionStoppedAt;
    Instant stoppedAt;
    String stopCode;
    String stoppedReason;
    Integer exitCode;
    String containerReason;
    boolean stopRequested;
    /** The container has written its result (SyncStatus, last log lines); until then the task stays RUNNING. */
    boolean resultWritten;
    EmbeddingContainer.Outcome outcome;

    EmulatedTask(String id, String arn, String clusterArn, String taskDefinitionArn, String containerName,
            String group, String startedBy, JsonNode overrides, List<String> command, Instant createdAt,
            boolean stuck) {
        this.id = id;
        this.arn = arn;
        this.clusterArn = clusterArn;
        this.taskDefinitionArn = taskDefinitionArn;
        this.containerName = containerName;
        this.group = group;
        this.startedBy = startedBy;
        this.overrides = overrides;
        this.command = command;
        this.createdAt = createdAt;
        this.stuck = stuck;
    }

    boolean stopped() {
        return lastStatus == Status.STOPPED;
    }

    String containerStatus() {
        return switch (lastStatus) {
            case PROVISIONING, PENDING, ACTIVATING -> "PENDING";
            case RUNNING -> "RUNNING";
            default -> "STOPPED";
        };
    }
}
