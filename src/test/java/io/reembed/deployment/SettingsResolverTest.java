package io.reembed.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.reembed.config.ReembedConfig;
import io.reembed.config.TestConfig;
import io.reembed.deployment.DeploymentSettings.Candidates;
import io.reembed.deployment.Setting.Source;
import io.reembed.deployment.StackReader.StackRead;

/** Value by value: explicit setting, then the stack's output (matched by prefix), then the default. */
class SettingsResolverTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void takesEveryValueFromTheStackMatchingHashedKeysByPrefix() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("DatabaseConversationTableName14C3A9E8", "BedrockChatStack-DatabaseConversationTable-X");
        outputs.put("EmbeddingClusterName1AE6B05C", "BedrockChatStack-EmbeddingCluster");
        outputs.put("EmbeddingTaskDefinitionName86C2AB63", "BedrockChatStackEmbeddingTaskDefinition");
        outputs.put("EmbeddingTaskSecurityGroupId4DB73E0F", "sg-1");
        outputs.put("PrivateSubnetId10", "subnet-k");
        outputs.put("PrivateSubnetId2", "subnet-c");
        outputs.put("PrivateSubnetId0", "subnet-a");
        outputs.put("PrivateSubnetId1", "subnet-b");
        outputs.put("PublicSubnetId0", "subnet-public");
        DeploymentSettings settings = resolve(Map.of(), outputs);
        assertTrue(settings.complete(), settings.problem());
        assertEquals(List.of("subnet-a", "subnet-b", "subnet-c", "subnet-k"), settings.subnets().values(),
                "every private subnet, in their number's order, no public one");
        assertEquals("BedrockChatStack-EmbeddingCluster", settings.cluster().value());
        assertEquals(Source.STACK, settings.cluster().source());
        assertEquals("EmbeddingClusterName1AE6B05C of BedrockChatStack", settings.cluster().origin());
        assertEquals(Source.DEFAULT, settings.containerName().source());
        assertEquals("Container", settings.containerName().value());
        assertEquals("ENABLED", settings.ecs().assignPublicIp());
    }

    @Test
    void anExplicitSettingWinsValueByValue() {
        DeploymentSettings settings = resolve(Map.of("reembed.ecs.subnets", "subnet-x,subnet-y",
                "reembed.ecs.assign-public-ip", "DISABLED"), Map.of("EmbeddingClusterNameAB12CD34", "c",
                        "PrivateSubnetId0", "subnet-a"));
        assertEquals(List.of("subnet-x", "subnet-y"), settings.subnets().values());
        assertEquals(Source.SETTING, settings.subnets().source());
        assertEquals("c", settings.cluster().value());
        assertEquals("DISABLED", settings.ecs().assignPublicIp());
    }

    @Test
    void saysWhatIsMissingAndHowToSetIt() {
        DeploymentSettings settings = resolve(Map.of(), Map.of("DatabaseConversationTableNameAB12CD34", "t"));
        assertFalse(settings.complete());
        assertEquals(List.of("reembed.ecs.cluster", "reembed.ecs.task-definition", "reembed.ecs.subnets",
                "reembed.ecs.security-groups"), settings.missing().stream().map(Setting::property).toList());
        assertEquals("the stack BedrockChatStack has no output EmbeddingClusterName…: set reembed.ecs.cluster "
                + "(REEMBED_ECS_CLUSTER)", settings.cluster().origin());
        assertEquals(Optional.of("t"), settings.tableName());
    }

    @Test
    void aMissingStackNamesTheRegionsBedrockChatStacks() {
        ReembedConfig config = config(Map.of("reembed.stack-name", "BedrockChatStack"));
        DeploymentSettings settings = SettingsResolver.resolve(config, new StackRead("BedrockChatStack", null, true,
                "ValidationError: Stack with id BedrockChatStack does not exist"),
                new Candidates(List.of("dev-BedrockChatStack"), null), NOW);
        assertTrue(settings.problem().startsWith("The stack BedrockChatStack does not exist here."), settings.problem());
        assertTrue(settings.problem().endsWith("Bedrock Chat stacks in this region: dev-BedrockChatStack "
                + "(set reembed.stack-name, REEMBED_STACK_NAME)."), settings.problem());
        assertEquals("not known (see Settings)", settings.tableLabel());
    }

    private static DeploymentSettings resolve(Map<String, String> properties, Map<String, String> outputs) {
        return SettingsResolver.resolve(config(properties), new StackRead("BedrockChatStack",
                new StackOutputs("BedrockChatStack", outputs), false, null), Candidates.NOT_LOOKED_UP, NOW);
    }

    private static ReembedConfig config(Map<String, String> properties) {
        return TestConfig.of("aws", properties);
    }
}
