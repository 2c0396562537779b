package io.reembed.runs;

import java.util.ArrayList;
import java.util.List;

import io.reembed.config.ReembedConfig;

/** The ECS settings a run launches with, snapshotted when it starts so a restart cannot change them. */
public record EcsLaunchSettings(String cluster, String taskDefinition, String containerName, List<String> subnets,
        List<String> securityGroups, String assignPublicIp) {

    public static EcsLaunchSettings from(ReembedConfig.Ecs ecs) {
        return new EcsLaunchSettings(ecs.cluster().orElse(""), ecs.taskDefinition().orElse(""), ecs.containerName(),
                ecs.subnets().orElse(List.of()), ecs.securityGroups().orElse(List.of()), ecs.assignPublicIp());
    }

    /** What is missing before anything can be launched; empty when the settings are complete. */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (cluster.isBlank()) {
            missing.add("reembed.ecs.cluster");
        }
        if (taskDefinition.isBlank()) {
            missing.add("reembed.ecs.task-definition");
        }
        if (subnets.isEmpty()) {
            missing.add("reembed.ecs.subnets");
        }
        if (securityGroups.isEmpty()) {
            missing.add("reembed.ecs.security-groups");
        }
        if (!assignPublicIp.equals("ENABLED") && !assignPublicIp.equals("DISABLED")) {
            missing.add("reembed.ecs.assign-public-ip (ENABLED or DISABLED)");
        }
        return missing;
    }

    public String subnetsLabel() {
        return String.join(", ", subnets);
    }

    public String securityGroupsLabel() {
        return String.join(", ", securityGroups);
    }
}
