package io.reembed.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import io.reembed.aws.AwsErrors;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;

/** Reads a stack's outputs with CloudFormation DescribeStacks, and finds the region's Bedrock Chat stacks. */
@ApplicationScoped
public class StackReader {

    private static final Logger LOG = Logger.getLogger(StackReader.class);

    /** What reading the stack gave: its outputs, or that it does not exist, or why it could not be read. */
    public record StackRead(String stackName, StackOutputs outputs, boolean missing, String problem) {

        public boolean found() {
            return outputs != null;
        }
    }

    private final CloudFormationClient cloudFormation;

    public StackReader(CloudFormationClient cloudFormation) {
        this.cloudFormation = cloudFormation;
    }

    public StackRead read(String stackName) {
        try {
            List<Stack> stacks = cloudFormation.describeStacks(b -> b.stackName(stackName)).stacks();
            if (stacks.isEmpty()) {
                return new StackRead(stackName, null, true, "CloudFormation returned no stack named " + stackName);
            }
            return new StackRead(stackName, outputs(stacks.get(0)), false, null);
        } catch (AwsServiceException e) {
            String message = AwsErrors.message(e);
            boolean missing = "ValidationError".equals(AwsErrors.code(e)) && message != null
                    && message.contains("does not exist");
            LOG.warnf("Could not read the stack %s: %s", stackName, e.getMessage());
            return new StackRead(stackName, null, missing, errorCode(e) + ": " + message);
        } catch (SdkException e) {
            LOG.warnf("Could not read the stack %s: %s", stackName, e.getMessage());
            return new StackRead(stackName, null, false, e.getMessage());
        }
    }

    /** Names of the region's live stacks that have a conversation table output: Bedrock Chat deployments. */
    public List<String> bedrockChatStacks() {
        return cloudFormation.describeStacksPaginator(b -> { }).stacks().stream()
                .filter(stack -> stack.stackStatus() == null || !stack.stackStatus().toString().startsWith("DELETE_"))
                .filter(stack -> stack.stackStatus() != StackStatus.ROLLBACK_COMPLETE)
                .filter(stack -> outputs(stack).byPrefix(StackOutputs.TABLE).isPresent())
                .map(Stack::stackName).sorted().toList();
    }

    static String errorCode(AwsServiceException e) {
        return e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "HTTP " + e.statusCode()
                : e.awsErrorDetails().errorCode();
    }

    private static StackOutputs outputs(Stack stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        for (Output output : stack.outputs()) {
            if (output.outputKey() != null && output.outputValue() != null) {
                outputs.put(output.outputKey(), output.outputValue());
            }
        }
        return new StackOutputs(stack.stackName(), outputs);
    }
}
