package io.reembed.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import io.reembed.config.ReembedConfig.Demo.DemoFault;

/**
 * The demo's emulated AWS account: one Bedrock Chat stack with the real output key shapes (CDK
 * hashes on nested constructs' keys), its VPC, subnets and security group, and the Fargate vCPU
 * quota. {@code reembed.demo.fault} breaks one thing of it at a time, to see preflight turn red.
 */
@ApplicationScoped
public class DemoAccount {

    public static final String ACCOUNT = "123456789012";
    public static final String ARN = "arn:aws:iam::" + ACCOUNT + ":user/demo-operator";
    public static final String STACK = "BedrockChatStack";
    public static final String VPC = "vpc-0demo00000000000001";
    public static final String OTHER_VPC = "vpc-0default0000000001";
    public static final String SECURITY_GROUP = "sg-0demo00000000000e";
    public static final String MISSING_SUBNET = "subnet-0demo0000000000x";
    /** A subnet of the account's default VPC: it exists, but not in the stack's VPC. */
    public static final String OTHER_VPC_SUBNET = "subnet-0default000000000a";

    /** A subnet as EC2 describes it. */
    public record Subnet(String id, String vpc, String zone, String cidr, boolean isPublic) {
    }

    /** A security group as EC2 describes it. */
    public record SecurityGroup(String id, String name, String vpc, String description) {
    }

    /** A stack as CloudFormation describes it. */
    public record Stack(String name, String status, Map<String, String> outputs) {
    }

    static final List<Subnet> SUBNETS = List.of(
            new Subnet("subnet-0demo0000000000a", VPC, "us-east-1a", "10.0.128.0/18", false),
            new Subnet("subnet-0demo0000000000b", VPC, "us-east-1b", "10.0.192.0/18", false),
            new Subnet("subnet-0demo0000000000c", VPC, "us-east-1a", "10.0.0.0/18", true),
            new Subnet("subnet-0demo0000000000d", VPC, "us-east-1b", "10.0.64.0/18", true),
            new Subnet(OTHER_VPC_SUBNET, OTHER_VPC, "us-east-1a", "172.31.0.0/20", true));

    static final List<SecurityGroup> SECURITY_GROUPS = List.of(
            new SecurityGroup(SECURITY_GROUP, "BedrockChatStack-EmbeddingTaskSecurityGroup", VPC,
                    "BedrockChatStack/Embedding/TaskSecurityGroup"),
            new SecurityGroup("sg-0default0000000001", "default", OTHER_VPC, "default VPC security group"));

    private final ReembedConfig config;
    private volatile Optional<DemoFault> fault;

    public DemoAccount(ReembedConfig config) {
        this.config = config;
        this.fault = config.demo().fault();
    }

    public Optional<DemoFault> fault() {
        return fault;
    }

    /** Breaks one thing (or, with empty, nothing) from now on: for tests that try each fault in turn. */
    public void fault(Optional<DemoFault> fault) {
        this.fault = fault;
    }

    public boolean broken(DemoFault kind) {
        return fault.filter(kind::equals).isPresent();
    }

    /** Every stack of the region: the Bedrock Chat one and two that are not (no conversation table). */
    public List<Stack> stacks() {
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("DatabaseConversationTableNameB8D9E5A1", DemoModeConfigSourceFactory.DEMO_TABLE);
        if (!broken(DemoFault.MISSING_OUTPUT)) {
            outputs.put("EmbeddingClusterName1AE6B05C", config.ecsEmulator().cluster());
        }
        outputs.put("EmbeddingTaskDefinitionName86C2AB63", config.ecsEmulator().taskDefinitionFamily());
        outputs.put("EmbeddingTaskSecurityGroupId4DB73E0F", SECURITY_GROUP);
        outputs.put("PrivateSubnetId0", SUBNETS.get(0).id());
        outputs.put("PrivateSubnetId1", broken(DemoFault.WRONG_SUBNET) ? MISSING_SUBNET : SUBNETS.get(1).id());
        outputs.put("PublicSubnetId0", SUBNETS.get(2).id());
        outputs.put("PublicSubnetId1", SUBNETS.get(3).id());
        outputs.put("VpcId", VPC);
        outputs.put("AuthUserPoolIdC0605E59", "us-east-1_DEMO00000");
        outputs.put("DocumentBucketName7E1B3D2C", "bedrockchatstack-documentbucket-demo");
        outputs.put("FrontendURL", "https://d1demo0000000.cloudfront.net");
        return List.of(new Stack("CDKToolkit", "UPDATE_COMPLETE", Map.of("BucketName", "cdk-hnb659fds-assets-demo")),
                new Stack(STACK, "UPDATE_COMPLETE", outputs),
                new Stack("FrontendWafStack", "CREATE_COMPLETE", Map.of("WebAclId", "arn:aws:wafv2:us-east-1:"
                        + ACCOUNT + ":global/webacl/demo")));
    }

    public List<Subnet> subnets() {
        return SUBNETS;
    }

    public List<SecurityGroup> securityGroups() {
        return SECURITY_GROUPS;
    }

    public boolean subnetExists(String id) {
        return SUBNETS.stream().anyMatch(subnet -> subnet.id().equals(id));
    }

    public boolean securityGroupExists(String id) {
        return SECURITY_GROUPS.stream().anyMatch(group -> group.id().equals(id));
    }

    public boolean taskDefinitionActive() {
        return !broken(DemoFault.INACTIVE_TASK_DEFINITION);
    }
}
