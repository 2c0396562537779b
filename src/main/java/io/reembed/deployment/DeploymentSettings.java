package io.reembed.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.reembed.deployment.StackReader.StackRead;

/**
 * What the console acts on, each value with its origin: the conversation table and where tasks are
 * launched. {@code stack} is null when every value was set explicitly and the stack was not read.
 */
public record DeploymentSettings(String stackName, StackRead stack, Candidates candidates, Setting table,
        Setting cluster, Setting taskDefinition, Setting containerName, Setting subnets, Setting securityGroups,
        Setting assignPublicIp, Instant readAt) {

    /** The region's stacks that have a conversation table output, looked up when the named one falls short. */
    public record Candidates(List<String> stackNames, String problem) {

        static final Candidates NOT_LOOKED_UP = new Candidates(List.of(), null);
    }

    public List<Setting> all() {
        return List.of(table, cluster, taskDefinition, containerName, subnets, securityGroups, assignPublicIp);
    }

    public List<Setting> missing() {
        return all().stream().filter(setting -> !setting.known()).toList();
    }

    public boolean complete() {
        return missing().isEmpty();
    }

    public boolean stackRead() {
        return stack != null;
    }

    public Optional<String> tableName() {
        return table.known() ? Optional.of(table.value()) : Optional.empty();
    }

    /** The conversation table for headers and messages: its name, or what is missing. */
    public String tableLabel() {
        return tableName().orElse("not known (see Settings)");
    }

    /** What a run is launched with; blank values where a setting is missing. */
    public EcsLaunchSettings ecs() {
        return new EcsLaunchSettings(cluster.value(), taskDefinition.value(), containerName.value(), subnets.values(),
                securityGroups.values(), assignPublicIp.value());
    }

    /** One sentence on what is missing and how to set it, for pages that cannot work without it. */
    public String problem() {
        if (complete()) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        if (stack != null && !stack.found()) {
            text.append(stack.missing() ? "The stack " + stackName + " does not exist here. "
                    : "The stack " + stackName + " could not be read (" + stack.problem() + "). ");
        }
        text.append("Not known: ");
        text.append(String.join("; ", missing().stream().map(s -> s.label() + " (" + s.origin() + ")").toList()));
        text.append(".");
        if (!candidates.stackNames().isEmpty()) {
            text.append(" Bedrock Chat stacks in this region: ").append(String.join(", ", candidates.stackNames()))
                    .append(" (set reembed.stack-name, REEMBED_STACK_NAME).");
        }
        return text.toString();
    }
}
