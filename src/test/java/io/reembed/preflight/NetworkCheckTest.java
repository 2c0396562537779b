package io.reembed.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.reembed.deployment.EcsLaunchSettings;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSecurityGroupsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.SecurityGroup;
import software.amazon.awssdk.services.ec2.model.Subnet;

/** The network check's verdicts, with EC2's answers given in place of the client's. */
@Execution(ExecutionMode.CONCURRENT)
class NetworkCheckTest {

    private static final EcsLaunchSettings LAUNCH = new EcsLaunchSettings("c", "td:1", "Container",
            List.of("subnet-a", "subnet-b"), List.of("sg-1"), "DISABLED", "123456789012", "us-east-1");

    /**
     * An EC2 client that answers DescribeSubnets and DescribeSecurityGroups so, or throws; its other
     * operations keep the interface's defaults (a proxy of Ec2Client generates all of its thousands).
     */
    private static Ec2Client ec2(List<Subnet> subnets, List<SecurityGroup> groups, RuntimeException failure) {
        return new Ec2Client() {
            @Override
            public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request) {
                if (failure != null) {
                    throw failure;
                }
                return DescribeSubnetsResponse.builder().subnets(subnets).build();
            }

            @Override
            public DescribeSecurityGroupsResponse describeSecurityGroups(DescribeSecurityGroupsRequest request) {
                if (failure != null) {
                    throw failure;
                }
                return DescribeSecurityGroupsResponse.builder().securityGroups(groups).build();
            }

            @Override
            public String serviceName() {
                return SERVICE_NAME;
            }

            @Override
            public void close() {
            }
        };
    }

    private static Subnet subnet(String id, String vpc, String zone) {
        return Subnet.builder().subnetId(id).vpcId(vpc).availabilityZone(zone).build();
    }

    private static Ec2Exception ec2Error(int status, String code) {
        return (Ec2Exception) Ec2Exception.builder().statusCode(status).message(code + ": no")
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("no").build()).build();
    }

    @Test
    void subnetsAndGroupsInOneVpcPass() {
        Check check = new NetworkCheck(ec2(List.of(subnet("subnet-a", "vpc-1", "us-east-1b"), subnet("subnet-b", "vpc-1",
                "us-east-1a")), List.of(SecurityGroup.builder().groupId("sg-1").vpcId("vpc-1").build()), null)).check(LAUNCH);
        assertEquals(CheckStatus.PASS, check.status());
        assertEquals("2 subnets (us-east-1a, us-east-1b) and 1 security group in vpc-1", check.detail());
    }

    @Test
    void aGroupInAnotherVpcFailsAndSaysWhichIsWhere() {
        Check check = new NetworkCheck(ec2(List.of(subnet("subnet-a", "vpc-1", "us-east-1a"), subnet("subnet-b", "vpc-1",
                "us-east-1b")), List.of(SecurityGroup.builder().groupId("sg-1").vpcId("vpc-2").build()), null)).check(LAUNCH);
        assertEquals(CheckStatus.FAIL, check.status());
        assertEquals("not in one VPC: subnet-a in vpc-1, subnet-b in vpc-1, sg-1 in vpc-2", check.detail());
    }

    @Test
    void anUnknownSubnetFailsAndARefusedCallCouldNotBeChecked() {
        Check missing = new NetworkCheck(ec2(null, null, ec2Error(400, "InvalidSubnetID.NotFound"))).check(LAUNCH);
        assertEquals(CheckStatus.FAIL, missing.status());
        assertTrue(missing.advice().contains("RunTask would fail for every bot"), missing.advice());

        Check denied = new NetworkCheck(ec2(null, null, ec2Error(403, "UnauthorizedOperation"))).check(LAUNCH);
        assertEquals(CheckStatus.UNKNOWN, denied.status(), "a permission the console lacks is no red light");
        assertTrue(denied.advice().contains("ec2:DescribeSubnets"), denied.advice());

        Check unknown = new NetworkCheck(ec2(null, null, null)).check(new EcsLaunchSettings("c", "td:1", "Container",
                List.of(), List.of(), "DISABLED", "123456789012", "us-east-1"));
        assertEquals(CheckStatus.UNKNOWN, unknown.status());
    }
}
