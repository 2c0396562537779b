package io.reembed.security;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.reembed.local.demo.TableWriter;
import io.reembed.local.ConversationTableSchema;
import io.reembed.local.DemoDataSet;
import io.reembed.local.LocalPorts;
import io.reembed.local.dynamodb.DynamoDbEmulatorServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The console in aws mode, pointed by endpoint override at the DynamoDB emulator on a port of its
 * own, standing in for the real account: the same code path as in production, nothing embedded.
 */
public class AwsModeWithDynamoDbEmulator implements QuarkusTestResourceLifecycleManager {

    static final String TABLE = "BedrockChatStack-DatabaseConversationTableAWSMODE";
    /** The one running now, for tests that take DynamoDB away. */
    static volatile DynamoDbEmulatorServer running;
    private DynamoDbEmulatorServer server;

    @Override
    public Map<String, String> start() {
        server = DynamoDbEmulatorServer.start();
        running = server;
        try (DynamoDbClient dynamo = server.client()) {
            ConversationTableSchema.create(dynamo, TABLE, true);
            TableWriter.putAll(dynamo, TABLE, DemoDataSet.generate(60, 12, 2).items());
        }
        Map<String, String> config = new HashMap<>();
        config.put("reembed.mode", "aws");
        config.put("reembed.table-name", TABLE);
        config.put("reembed.aws.region", "us-east-1");
        config.put("reembed.aws.endpoints.dynamodb", server.endpoint().toString());
        // No STS, CloudFormation, EC2 or Service Quotas here: the pages say what could not be checked.
        String nothing = "http://127.0.0.1:" + LocalPorts.free();
        for (String client : List.of("sts", "cloudformation", "ec2", "servicequotas")) {
            config.put("reembed.aws.endpoints." + client, nothing);
        }
        config.put("quarkus.dynamodb.aws.credentials.type", "static");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", "k");
        config.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", "s");
        return config;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
        }
    }
}
