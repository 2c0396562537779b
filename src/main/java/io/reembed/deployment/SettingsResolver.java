package io.reembed.deployment;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.reembed.config.ReembedConfig;
import io.reembed.deployment.DeploymentSettings.Candidates;
import io.reembed.deployment.Setting.Source;
import io.reembed.deployment.StackReader.StackRead;

/** Value by value: an explicit setting wins, else the stack's output, else the default, else missing. */
final class SettingsResolver {

    static final String DEFAULT_CONTAINER = "Container";
    static final String DEFAULT_ASSIGN_PUBLIC_IP = "ENABLED";

    private SettingsResolver() {
    }

    /** Whether every value the stack could give is set explicitly, so that it need not be read. */
    static boolean everythingExplicit(ReembedConfig config) {
        ReembedConfig.Ecs ecs = config.ecs();
        return config.tableName().isPresent() && ecs.cluster().isPresent() && ecs.taskDefinition().isPresent()
                && ecs.subnets().isPresent() && ecs.securityGroups().isPresent();
    }

    static DeploymentSettings resolve(ReembedConfig config, StackRead stack, Candidates candidates, Instant now) {
        ReembedConfig.Ecs ecs = config.ecs();
        StackOutputs outputs = stack != null && stack.found() ? stack.outputs() : null;
        String name = config.stackName();
        return new DeploymentSettings(name, stack, candidates,
                fromStack("Conversation table", "reembed.table-name", config.tableName(), outputs, StackOutputs.TABLE, name),
                fromStack("ECS cluster", "reembed.ecs.cluster", ecs.cluster(), outputs, StackOutputs.CLUSTER, name),
                fromStack("Task definition", "reembed.ecs.task-definition", ecs.taskDefinition(), outputs,
                        StackOutputs.TASK_DEFINITION, name),
                withDefault("Container", "reembed.ecs.container-name", ecs.containerName(), DEFAULT_CONTAINER,
                        "the name Bedrock Chat gives the embedding container"),
                subnets(ecs.subnets(), outputs, name),
                listFromStack("Security groups", "reembed.ecs.security-groups", ecs.securityGroups(), outputs,
                        StackOutputs.SECURITY_GROUP, name),
                withDefault("Assign public IP", "reembed.ecs.assign-public-ip", ecs.assignPublicIp(),
                        DEFAULT_ASSIGN_PUBLIC_IP, "as the reference script; the stack's own trigger uses DISABLED"),
                now);
    }

    private static Setting fromStack(String label, String property, Optional<String> explicit, StackOutputs outputs,
            String prefix, String stackName) {
        return listFromStack(label, property, explicit.map(List::of), outputs, prefix, stackName);
    }

    private static Setting listFromStack(String label, String property, Optional<List<String>> explicit,
            StackOutputs outputs, String prefix, String stackName) {
        if (explicit.isPresent()) {
            return new Setting(label, property, explicit.get(), Source.SETTING, property);
        }
        Optional<StackOutputs.Output> output = outputs == null ? Optional.empty() : outputs.byPrefix(prefix);
        if (output.isPresent()) {
            return new Setting(label, property, List.of(output.get().value()), Source.STACK,
                    output.get().key() + " of " + stackName);
        }
        return missing(label, property, prefix + "…", outputs, stackName);
    }

    private static Setting subnets(Optional<List<String>> explicit, StackOutputs outputs, String stackName) {
        String property = "reembed.ecs.subnets";
        if (explicit.isPresent()) {
            return new Setting("Subnets", property, explicit.get(), Source.SETTING, property);
        }
        List<StackOutputs.Output> subnets = outputs == null ? List.of() : outputs.privateSubnets();
        if (!subnets.isEmpty()) {
            return new Setting("Subnets", property, subnets.stream().map(StackOutputs.Output::value).toList(),
                    Source.STACK, String.join(", ", subnets.stream().map(StackOutputs.Output::key).toList()) + " of "
                            + stackName);
        }
        return missing("Subnets", property, StackOutputs.PRIVATE_SUBNET + "0, 1, …", outputs, stackName);
    }

    private static Setting withDefault(String label, String property, Optional<String> explicit, String fallback,
            String why) {
        return explicit.map(value -> new Setting(label, property, List.of(value), Source.SETTING, property))
                .orElseGet(() -> new Setting(label, property, List.of(fallback), Source.DEFAULT, why));
    }

    private static Setting missing(String label, String property, String outputKey, StackOutputs outputs,
            String stackName) {
        String where = outputs == null ? "the stack " + stackName + " was not read"
                : "the stack " + stackName + " has no output " + outputKey;
        return new Setting(label, property, List.of(), Source.MISSING,
                where + ": set " + property + " (" + Setting.environmentVariable(property) + ")");
    }
}
