package io.reembed.local.ecs;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The resources IAM checks for one ECS call of the console: task definitions, tasks, clusters, as ARNs. */
final class EcsCalls {

    private final String prefix;

    /** {@code arn:aws:ecs:<region>:<account>:} */
    EcsCalls(String region, String account) {
        this.prefix = "arn:aws:ecs:" + region + ":" + account + ":";
    }

    List<String> resources(String operation, JsonNode request) {
        String cluster = name(request.path("cluster").asText("default"), "cluster/");
        return switch (operation) {
            case "RunTask" -> List.of(taskDefinition(request.path("taskDefinition").asText()));
            case "DescribeTasks" -> tasks(cluster, request.path("tasks"));
            case "StopTask" -> List.of(task(cluster, request.path("task").asText()));
            case "ListTasks" -> List.of(prefix + "container-instance/" + cluster + "/*");
            case "DescribeClusters" -> {
                List<String> clusters = new ArrayList<>();
                request.path("clusters").forEach(c -> clusters.add(prefix + "cluster/" + name(c.asText(), "cluster/")));
                yield clusters;
            }
            default -> List.of("*");
        };
    }

    private String taskDefinition(String value) {
        if (value.startsWith("arn:")) {
            return value;
        }
        return prefix + "task-definition/" + (value.contains(":") ? value : value + ":*");
    }

    private List<String> tasks(String cluster, JsonNode tasks) {
        List<String> arns = new ArrayList<>();
        tasks.forEach(task -> arns.add(task(cluster, task.asText())));
        return arns;
    }

    private String task(String cluster, String task) {
        return task.startsWith("arn:") ? task : prefix + "task/" + cluster + "/" + task;
    }

    /** The name in a name or an ARN ("arn:…:cluster/x" is x). */
    private static String name(String value, String kind) {
        int at = value.indexOf(kind);
        return value.startsWith("arn:") && at >= 0 ? value.substring(at + kind.length()) : value;
    }
}
