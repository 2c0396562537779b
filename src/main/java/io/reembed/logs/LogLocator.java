package io.reembed.logs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.LogDriver;

/**
 * A task definition's awslogs group and stream prefix for a container, from DescribeTaskDefinition,
 * cached per task definition: a revision never changes, and a run keeps the one it launched with.
 */
@ApplicationScoped
public class LogLocator {

    /** The group and prefix, or why there are none. */
    public record Awslogs(String group, String prefix, String problem) {

        public Optional<LogLocation> of(String container, String taskId) {
            return problem == null ? Optional.of(LogLocation.of(group, prefix, container, taskId)) : Optional.empty();
        }
    }

    private final EcsClient ecs;
    private final Map<String, Awslogs> cache = new ConcurrentHashMap<>();

    public LogLocator(EcsClient ecs) {
        this.ecs = ecs;
    }

    /** Throws the SDK's exception when ECS cannot be asked (then nothing is cached, and it is asked again). */
    public Awslogs awslogs(String taskDefinition, String container) {
        return cache.computeIfAbsent(taskDefinition + "\n" + container, key -> {
            var definition = ecs.describeTaskDefinition(b -> b.taskDefinition(taskDefinition)).taskDefinition();
            Optional<ContainerDefinition> found = definition.containerDefinitions().stream()
                    .filter(c -> container.equals(c.name())).findFirst();
            if (found.isEmpty()) {
                return new Awslogs(null, null, "the task definition has no container " + container);
            }
            var logs = found.get().logConfiguration();
            if (logs == null || logs.logDriver() != LogDriver.AWSLOGS || !logs.options().containsKey("awslogs-group")) {
                return new Awslogs(null, null, "the container does not log to CloudWatch Logs (no awslogs driver)");
            }
            String prefix = logs.options().get("awslogs-stream-prefix");
            if (prefix == null || prefix.isBlank()) {
                return new Awslogs(null, null, "the awslogs driver has no stream prefix, so the stream name is not known");
            }
            return new Awslogs(logs.options().get("awslogs-group"), prefix, null);
        });
    }
}
