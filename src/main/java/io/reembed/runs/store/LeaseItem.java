package io.reembed.runs.store;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.reembed.runs.engine.Lease;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The lease item (ENGINE/LEASE): taken, renewed and given up with conditional writes on the holder's token. */
final class LeaseItem {

    private static final Duration RELEASE_TIMEOUT = Duration.ofMillis(500);
    private static final Map<String, AttributeValue> KEY = Map.of("PK", AttributeValue.fromS("ENGINE"),
            "SK", AttributeValue.fromS("LEASE"));

    private final DynamoDbClient dynamo;
    private final String table;

    LeaseItem(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    boolean take(String holder, String token, Instant now, Instant until) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", KEY.get("PK"), "SK", KEY.get("SK"),
                    "holder", AttributeValue.fromS(holder), "token", AttributeValue.fromS(token),
                    "expiresAt", AttributeValue.fromN(Long.toString(until.toEpochMilli()))))
                    // A lease written before tokens were kept is taken once it runs out.
                    .conditionExpression("attribute_not_exists(PK) OR #token = :token OR expiresAt < :now")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    Optional<Lease> read() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(KEY)).item();
        if (item == null || !item.containsKey("holder")) {
            return Optional.empty();
        }
        return Optional.of(new Lease(item.get("holder").s(), Instant.ofEpochMilli(Long.parseLong(item.get("expiresAt").n())),
                item.containsKey("token") ? item.get("token").s() : ""));
    }

    void release(String token) {
        try {
            // At shutdown: a lease not given up runs out by itself, so no long retries (in the demo the
            // table is served on the console's own port, already closed by then).
            dynamo.deleteItem(b -> b.tableName(table).key(KEY).conditionExpression("#token = :token")
                    .expressionAttributeNames(Map.of("#token", "token"))
                    .expressionAttributeValues(Map.of(":token", AttributeValue.fromS(token)))
                    .overrideConfiguration(o -> o.apiCallTimeout(RELEASE_TIMEOUT)));
        } catch (ConditionalCheckFailedException e) {
            // Another copy holds it already.
        }
    }
}
