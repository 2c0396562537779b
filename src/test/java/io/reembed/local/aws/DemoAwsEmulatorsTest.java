package io.reembed.local.aws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.aws.ServiceQuotasClient;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.StsException;
import io.reembed.local.DemoAccount;

/** The demo's CloudFormation, EC2, STS and Service Quotas, through the unmodified SDK clients (and our signed one). */
@QuarkusTest
class DemoAwsEmulatorsTest {

    @Inject
    CloudFormationClient cloudFormation;

    @Inject
    Ec2Client ec2;

    @Inject
    StsClient sts;

    @Inject
    ServiceQuotasClient quotas;

    @Test
    void cloudFormationDescribesTheStackWithHashedOutputKeys() {
        Stack stack = cloudFormation.describeStacks(b -> b.stackName(DemoAccount.STACK)).stacks().get(0);
        Map<String, String> outputs = stack.outputs().stream().collect(Collectors.toMap(Output::outputKey, Output::outputValue));
        assertTrue(outputs.keySet().stream().anyMatch(key -> key.matches("DatabaseConversationTableName[0-9A-F]{8}")),
                outputs.toString());
        assertEquals("subnet-0demo0000000000a", outputs.get("PrivateSubnetId0"));
        assertEquals(3, cloudFormation.describeStacks(b -> { }).stacks().size(), "every stack of the region without a name");
        CloudFormationException missing = assertThrows(CloudFormationException.class,
                () -> cloudFormation.describeStacks(b -> b.stackName("dev-BedrockChatStack")));
        assertEquals("ValidationError", missing.awsErrorDetails().errorCode());
        assertEquals("Stack with id dev-BedrockChatStack does not exist", missing.awsErrorDetails().errorMessage());
    }

    @Test
    void ec2DescribesSubnetsAndSecurityGroupsAndNamesWhatDoesNotExist() {
        var subnets = ec2.describeSubnets(b -> b.subnetIds("subnet-0demo0000000000a", DemoAccount.OTHER_VPC_SUBNET)).subnets();
        assertEquals(List.of(DemoAccount.VPC, DemoAccount.OTHER_VPC), subnets.stream().map(s -> s.vpcId()).toList());
        assertEquals("us-east-1a", subnets.get(0).availabilityZone());
        assertEquals(DemoAccount.VPC, ec2.describeSecurityGroups(b -> b.groupIds(DemoAccount.SECURITY_GROUP))
                .securityGroups().get(0).vpcId());
        Ec2Exception missing = assertThrows(Ec2Exception.class,
                () -> ec2.describeSubnets(b -> b.subnetIds(DemoAccount.MISSING_SUBNET)));
        assertEquals("InvalidSubnetID.NotFound", missing.awsErrorDetails().errorCode());
        Ec2Exception group = assertThrows(Ec2Exception.class, () -> ec2.describeSecurityGroups(b -> b.groupIds("sg-0nope")));
        assertEquals("InvalidGroup.NotFound", group.awsErrorDetails().errorCode());
    }

    @Test
    void stsNamesTheDemoOperatorAndNothingElse() {
        assertEquals(DemoAccount.ARN, sts.getCallerIdentity().arn());
        StsException other = assertThrows(StsException.class,
                () -> sts.assumeRole(b -> b.roleArn("arn:aws:iam::123456789012:role/x").roleSessionName("x")));
        assertEquals("InvalidAction", other.awsErrorDetails().errorCode());
    }

    @Test
    void serviceQuotasAnswersASignedCallOnly() {
        ServiceQuotasClient.Quota quota = quotas.getServiceQuota("fargate", "L-3032A538");
        assertEquals("Fargate On-Demand vCPU resource count", quota.name());
        assertTrue(quota.value() > 0);
        AwsServiceException unknown = assertThrows(AwsServiceException.class, () -> quotas.getServiceQuota("fargate", "L-NOPE"));
        assertEquals("NoSuchResourceException", unknown.awsErrorDetails().errorCode());
        given().header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", "ServiceQuotasV20190624.GetServiceQuota")
                .body("{\"ServiceCode\":\"fargate\",\"QuotaCode\":\"L-3032A538\"}".getBytes(StandardCharsets.UTF_8)).when().post("/local/servicequotas")
                .then().statusCode(403).body(containsString("MissingAuthenticationTokenException"));
    }
}
