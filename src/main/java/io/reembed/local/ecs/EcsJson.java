package io.reembed.local.ecs;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The ECS JSON shapes the emulator answers with; timestamps are epoch seconds, as in the real protocol. */
final class EcsJson {

    private EcsJson() {
    }

    static ObjectNode task(ObjectMapper json, EmulatedTask task, boolean withTags, EmulatorSettings settings) {
        ObjectNode node = json.createObjectNode();
        node.put("taskArn", task.arn);
        node.put("clusterArn", task.clusterArn);
        node.put("taskDefinitionArn", task.taskDefinitionArn);
        node.put("lastStatus", task.lastStatus.name());
        node.put("desiredStatus", task.desiredStatus);
        node.put("launchType", "FARGATE");
        node.put("platformVersion", "1.4.0");
        node.put("platformFamily", "Linux");
        node.put("cpu", "1024");
        node.put("memory", "2048");
        node.put("availabilityZone", settings.region() + "a");
        node.put("group", task.group);
        node.put("version", task.lastStatus.ordinal() + 1);
        if (task.startedBy != null) {
            node.put("startedBy", task.startedBy);
        }
        time(node, "createdAt", task.createdAt);
        time(node, "pullStartedAt", task.pullStartedAt);
        time(node, "pullStoppedAt", task.pullStoppedAt);
        time(node, "startedAt", task.startedAt);
        time(node, "stoppingAt", task.stoppingAt);
        time(node, "executionStoppedAt", task.executionStoppedAt);
        time(node, "stoppedAt", task.stoppedAt);
        if (task.stopCode != null) {
            node.put("stopCode", task.stopCode);
            node.put("stoppedReason", task.stoppedReason);
        }
        if (task.overrides != null) {
            node.set("overrides", task.overrides);
        } else {
            node.putObject("overrides").putArray("containerOverrides");
        }
        ArrayNode containers = node.putArray("containers");
        ObjectNode container = containers.addObject();
        container.put("containerArn", "arn:aws:ecs:" + settings.region() + ":" + settings.account() + ":container/"
                + settings.cluster() + "/" + task.id + "/" + task.id.substring(0, 8) + "-c0");
        container.put("taskArn", task.arn);
        container.put("name", task.containerName);
        container.put("lastStatus", task.containerStatus());
        if (task.exitCode != null) {
            container.put("exitCode", task.exitCode);
        }
        if (task.containerReason != null) {
            container.put("reason", task.containerReason);
        }
        if (withTags) {
            ArrayNode tags = node.putArray("tags");
            for (Map.Entry<String, String> tag : task.tags) {
                tags.addObject().put("key", tag.getKey()).put("value", tag.getValue());
            }
        }
        return node;
    }

    static final String LOG_STREAM_PREFIX = "embed-task";

    static String logGroup(EmulatorSettings settings) {
        return "/ecs/" + settings.family();
    }

    static ObjectNode taskDefinition(ObjectMapper json, String arn, EmulatorSettings settings, boolean active) {
        ObjectNode node = json.createObjectNode();
        node.put("taskDefinitionArn", arn);
        node.put("family", settings.family());
        node.put("revision", 1);
        node.put("status", active ? "ACTIVE" : "INACTIVE");
        node.put("networkMode", "awsvpc");
        node.put("cpu", "1024");
        node.put("memory", "2048");
        node.putArray("requiresCompatibilities").add("FARGATE");
        ObjectNode container = node.putArray("containerDefinitions").addObject();
        container.put("name", settings.containerName());
        container.put("image", settings.account() + ".dkr.ecr." + settings.region()
                + ".amazonaws.com/bedrock-chat-embedding:latest");
        container.put("essential", true);
        ObjectNode logs = container.putObject("logConfiguration");
        logs.put("logDriver", "awslogs");
        ObjectNode options = logs.putObject("options");
        options.put("awslogs-group", logGroup(settings));
        options.put("awslogs-region", settings.region());
        options.put("awslogs-stream-prefix", LOG_STREAM_PREFIX);
        return node;
    }

    static ObjectNode cluster(ObjectMapper json, EmulatorSettings settings, int running, int pending) {
        ObjectNode node = json.createObjectNode();
        node.put("clusterArn", "arn:aws:ecs:" + settings.region() + ":" + settings.account() + ":cluster/"
                + settings.cluster());
        node.put("clusterName", settings.cluster());
        node.put("status", "ACTIVE");
        node.put("runningTasksCount", running);
        node.put("pendingTasksCount", pending);
        node.put("activeServicesCount", 0);
        node.put("registeredContainerInstancesCount", 0);
        return node;
    }

    private static void time(ObjectNode node, String name, Instant at) {
        if (at != null) {
            node.put(name, at.toEpochMilli() / 1000.0);
        }
    }
}
