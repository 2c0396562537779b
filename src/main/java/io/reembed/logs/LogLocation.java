package io.reembed.logs;

/** Where a task's awslogs stream is: {@code <prefix>/<container name>/<task id>} in the task definition's group. */
public record LogLocation(String group, String stream) {

    public static LogLocation of(String group, String prefix, String container, String taskId) {
        return new LogLocation(group, prefix + "/" + container + "/" + taskId);
    }
}
