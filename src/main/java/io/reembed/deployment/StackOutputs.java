package io.reembed.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** A stack's outputs, found by key prefix because CDK appends a hash to nested constructs' keys. */
public record StackOutputs(String stackName, Map<String, String> outputs) {

    public static final String TABLE = "DatabaseConversationTableName";
    public static final String CLUSTER = "EmbeddingClusterName";
    public static final String TASK_DEFINITION = "EmbeddingTaskDefinitionName";
    public static final String SECURITY_GROUP = "EmbeddingTaskSecurityGroupId";
    public static final String PRIVATE_SUBNET = "PrivateSubnetId";
    private static final Pattern PRIVATE_SUBNET_KEY = Pattern.compile(PRIVATE_SUBNET + "(\\d{1,4})");

    /** An output: its full key (hash included) and its value. */
    public record Output(String key, String value) {
    }

    /** The output whose key starts with the prefix; the shortest key when several do. */
    public Optional<Output> byPrefix(String prefix) {
        return outputs.entrySet().stream().filter(e -> e.getKey().startsWith(prefix) && !e.getValue().isBlank())
                .min(Comparator.comparing((Map.Entry<String, String> e) -> e.getKey().length()).thenComparing(Map.Entry::getKey))
                .map(e -> new Output(e.getKey(), e.getValue()));
    }

    /** PrivateSubnetId0, PrivateSubnetId1, ... in their order: every private subnet, as the stack's trigger uses. */
    public List<Output> privateSubnets() {
        List<Output> subnets = new ArrayList<>();
        outputs.forEach((key, value) -> {
            if (PRIVATE_SUBNET_KEY.matcher(key).matches() && !value.isBlank()) {
                subnets.add(new Output(key, value));
            }
        });
        subnets.sort(Comparator.comparingInt(output -> Integer.parseInt(output.key().substring(PRIVATE_SUBNET.length()))));
        return subnets;
    }
}
