package io.reembed.local.aws;

import java.util.List;

import io.vertx.core.MultiMap;
import io.reembed.local.DemoAccount;

/** CloudFormation DescribeStacks, with or without a stack name: the demo account's stacks and their outputs. */
final class CloudFormationEmulator {

    private static final String NAMESPACE = "http://cloudformation.amazonaws.com/doc/2010-05-15/";

    private final DemoAccount account;

    CloudFormationEmulator(DemoAccount account) {
        this.account = account;
    }

    String answer(String action, MultiMap form, String requestId) {
        if (!"DescribeStacks".equals(action)) {
            throw new QueryError(400, "InvalidAction", "This emulator answers DescribeStacks only.");
        }
        String name = form.get("StackName");
        List<DemoAccount.Stack> stacks = account.stacks().stream()
                .filter(stack -> name == null || name.equals(stack.name()) || name.equals(stackId(stack))).toList();
        if (name != null && stacks.isEmpty()) {
            throw new QueryError(400, "ValidationError", "Stack with id " + name + " does not exist");
        }
        Xml xml = new Xml().open("DescribeStacksResponse", NAMESPACE).open("DescribeStacksResult").open("Stacks");
        for (DemoAccount.Stack stack : stacks) {
            xml.open("member").element("StackName", stack.name()).element("StackId", stackId(stack))
                    .element("CreationTime", "2026-01-15T09:30:00.000Z").element("StackStatus", stack.status())
                    .open("Outputs");
            stack.outputs().forEach((key, value) -> xml.open("member").element("OutputKey", key)
                    .element("OutputValue", value).close("member"));
            xml.close("Outputs").close("member");
        }
        return xml.close("Stacks").close("DescribeStacksResult").open("ResponseMetadata").element("RequestId", requestId)
                .close("ResponseMetadata").close("DescribeStacksResponse").toString();
    }

    private static String stackId(DemoAccount.Stack stack) {
        return "arn:aws:cloudformation:us-east-1:" + DemoAccount.ACCOUNT + ":stack/" + stack.name()
                + "/0d3e5f10-d1a2-11f0-9d1e-0a1b2c3d4e5f";
    }
}
