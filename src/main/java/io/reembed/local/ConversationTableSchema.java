package io.reembed.local;

import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamSpecification;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** Creates a table shaped like Bedrock Chat's conversation table (its CDK stack's definition). */
public final class ConversationTableSchema {

    public static final String SK_INDEX = "SKIndex";
    public static final String PUBLIC_BOT_ID_INDEX = "PublicBotIdIndex";
    public static final String LAST_BOT_USED_INDEX = "LastBotUsedIndex";

    private ConversationTableSchema() {
    }

    public static boolean exists(DynamoDbClient dynamo, String table) {
        try {
            dynamo.describeTable(b -> b.tableName(table));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    /** Creates the table; {@code withLastBotUsedIndex=false} makes one like an older or hand-made deployment. */
    public static void create(DynamoDbClient dynamo, String table, boolean withLastBotUsedIndex) {
        Projection all = Projection.builder().projectionType(ProjectionType.ALL).build();
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .attributeDefinitions(attributes(withLastBotUsedIndex))
                .globalSecondaryIndexes(
                        GlobalSecondaryIndex.builder().indexName(SK_INDEX)
                                .keySchema(key("SK", KeyType.HASH)).projection(all).build(),
                        GlobalSecondaryIndex.builder().indexName(PUBLIC_BOT_ID_INDEX)
                                .keySchema(key("PublicBotId", KeyType.HASH)).projection(all).build())
                .streamSpecification(StreamSpecification.builder().streamEnabled(true)
                        .streamViewType(StreamViewType.NEW_IMAGE).build());
        if (withLastBotUsedIndex) {
            request.localSecondaryIndexes(LocalSecondaryIndex.builder().indexName(LAST_BOT_USED_INDEX)
                    .keySchema(key("PK", KeyType.HASH), key("LastBotUsed", KeyType.RANGE))
                    .projection(all).build());
        }
        dynamo.createTable(request.build());
        dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
    }

    private static List<AttributeDefinition> attributes(boolean withLastBotUsed) {
        List<AttributeDefinition> attributes = new ArrayList<>(List.of(attribute("PK", ScalarAttributeType.S),
                attribute("SK", ScalarAttributeType.S), attribute("PublicBotId", ScalarAttributeType.S)));
        if (withLastBotUsed) {
            // DynamoDB refuses a definition that no key or index uses.
            attributes.add(attribute("LastBotUsed", ScalarAttributeType.N));
        }
        return attributes;
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }
}
