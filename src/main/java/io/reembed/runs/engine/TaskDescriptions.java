package io.reembed.runs.engine;

import java.util.List;

import io.reembed.runs.TaskReport;

/** What DescribeTasks said about a batch of tasks: a report for each it knows, and the ones it does not (with ECS's reason). */
public record TaskDescriptions(List<TaskReport> tasks, List<Missing> missing) {

    public record Missing(String taskArn, String reason) {
    }
}
