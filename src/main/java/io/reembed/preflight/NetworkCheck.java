package io.reembed.preflight;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.AwsErrors;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.text.Words;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** EC2 DescribeSubnets and DescribeSecurityGroups: every one exists, and all are in one VPC. */
@ApplicationScoped
class NetworkCheck {

    static final String NETWORK = "network";
    private static final String TITLE = "Subnets and security groups";

    private final Ec2Client ec2;

    NetworkCheck(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    Check check(EcsLaunchSettings settings) {
        if (settings.subnets().isEmpty() || settings.securityGroups().isEmpty()) {
            return Check.unknown(NETWORK, TITLE, "not checked: the subnets or security groups are not known",
                    "See Settings.");
        }
        List<Subnet> subnets;
        List<SecurityGroup> groups;
        try {
            subnets = ec2.describeSubnets(b -> b.subnetIds(settings.subnets())).subnets();
            groups = ec2.describeSecurityGroups(b -> b.groupIds(settings.securityGroups())).securityGroups();
        } catch (Ec2Exception e) {
            String code = AwsErrors.code(e);
            if (code.endsWith(".NotFound") || code.endsWith(".Malformed")) {
                return Check.fail(NETWORK, TITLE, "EC2 " + CheckErrors.describe(e), "Check reembed.ecs.subnets and "
                        + "reembed.ecs.security-groups (or the stack's PrivateSubnetId… and EmbeddingTaskSecurityGroupId… "
                        + "outputs) and the region: RunTask would fail for every bot.");
            }
            return CheckErrors.couldNotCheck(NETWORK, TITLE, "ec2:DescribeSubnets and ec2:DescribeSecurityGroups", e);
        } catch (SdkException e) {
            return CheckErrors.couldNotCheck(NETWORK, TITLE, "ec2:DescribeSubnets and ec2:DescribeSecurityGroups", e);
        }
        Map<String, String> vpcOf = new LinkedHashMap<>();
        subnets.forEach(subnet -> vpcOf.put(subnet.subnetId(), subnet.vpcId()));
        groups.forEach(group -> vpcOf.put(group.groupId(), group.vpcId()));
        Set<String> vpcs = new TreeSet<>(vpcOf.values());
        if (vpcs.size() > 1) {
            String which = vpcOf.entrySet().stream().map(e -> e.getKey() + " in " + e.getValue())
                    .collect(Collectors.joining(", "));
            return Check.fail(NETWORK, TITLE, "not in one VPC: " + which,
                    "A task's subnets and security groups must share a VPC: use the stack's own.");
        }
        String zones = subnets.stream().map(Subnet::availabilityZone).distinct().sorted().collect(Collectors.joining(", "));
        return Check.pass(NETWORK, TITLE, Words.count(subnets.size(), "subnet") + " (" + zones + ") and "
                + Words.count(groups.size(), "security group") + " in " + String.join("", vpcs));
    }
}
