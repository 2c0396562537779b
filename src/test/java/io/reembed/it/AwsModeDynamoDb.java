package io.reembed.it;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.reembed.local.ConversationTableSchema;
import io.reembed.local.DemoDataSet;
import io.reembed.local.LocalPorts;
import io.reembed.local.demo.TableWriter;
import io.reembed.local.dynamodb.DynamoDbEmulatorServer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The account a console in aws mode is pointed at by endpoint override: the DynamoDB emulator on a
 * port of its own, holding a Bedrock Chat conversation table with 60 bots. STS, CloudFormation, EC2
 * and Service Quotas point at a port where nothing listens: the pages say what could not be checked.
 * The same code path as in production, nothing embedded.
 */
final class AwsModeDynamoDb implements AutoCloseable {

    static final String TABLE = "BedrockChatStack-DatabaseConversationTableAWSMODE";
    /** The administrator's password in these tests, and its hash as PasswordHash makes it (made once, not per test). */
    static final String PASSWORD = "correct horse battery staple";
    static final String PASSWORD_HASH = "pbkdf2-sha256:310000:1psdonmW6R2hMIttbGq5pw==:sh8tzB+CcI0GHZPmxYP8/iHQbvKsSyi5SVZgkZH9WSY=";

    private final DynamoDbEmulatorServer server;

    private AwsModeDynamoDb(DynamoDbEmulatorServer server) {
        this.server = server;
    }

    static AwsModeDynamoDb start() {
        DynamoDbEmulatorServer server = DynamoDbEmulatorServer.start();
        try (DynamoDbClient dynamo = server.client()) {
            ConversationTableSchema.create(dynamo, TABLE, true);
            TableWriter.putAll(dynamo, TABLE, DemoDataSet.generate(60, 12, 2).items());
        }
        return new AwsModeDynamoDb(server);
    }

    /** Takes DynamoDB away, as an outage or a wrong endpoint would. */
    void stop() {
        server.stop();
    }

    /** A console in aws mode on this account, with these settings besides. */
    ConsoleProcess console(String name, Map<String, String> settings) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "REEMBED_MODE", "aws",
                "REEMBED_TABLE_NAME", TABLE,
                "REEMBED_AWS_REGION", "us-east-1",
                "REEMBED_AWS_ENDPOINTS_DYNAMODB", server.endpoint().toString(),
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_TYPE", "static",
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_ACCESS_KEY_ID", "k",
                "QUARKUS_DYNAMODB_AWS_CREDENTIALS_STATIC_PROVIDER_SECRET_ACCESS_KEY", "s"));
        String nothing = "http://127.0.0.1:" + LocalPorts.free();
        for (String client : List.of("STS", "CLOUDFORMATION", "EC2", "SERVICEQUOTAS")) {
            environment.put("REEMBED_AWS_ENDPOINTS_" + client, nothing);
        }
        environment.putAll(settings);
        return new ConsoleProcess(environment, Path.of("target", "it-logs", name));
    }

    @Override
    public void close() {
        server.close();
    }
}
