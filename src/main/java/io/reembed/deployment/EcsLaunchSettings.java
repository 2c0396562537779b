package io.reembed.deployment;

import java.util.ArrayList;
import java.util.List;

/**
 * The ECS settings a run launches with, snapshotted when it starts so a restart cannot change them,
 * with the AWS account and region they were launched in (null before the run starts, or when the
 * account could not be checked).
 */
public record EcsLaunchSettings(String cluster, String taskDefinition, String containerName, List<String> subnets,
        List<String> securityGroups, String assignPublicIp, String account, String region) {

    public EcsLaunchSettings(String cluster, String taskDefinition, String containerName, List<String> subnets,
            List<String> securityGroups, String assignPublicIp) {
        this(cluster, taskDefinition, containerName, subnets, securityGroups, assignPublicIp, null, null);
    }

    public EcsLaunchSettings in(String account, String region) {
        return new EcsLaunchSettings(cluster, taskDefinition, containerName, subnets, securityGroups, assignPublicIp,
                account, region);
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
