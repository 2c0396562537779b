package io.reembed.runs.store;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.BatchRetry;
import io.reembed.bots.BotKey;
import io.reembed.deployment.Deployment;
import io.reembed.runs.BotSyncState;
import io.reembed.runs.engine.SyncStatusSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/** Reads bots' SyncStatus from the conversation table, 100 keys a call. Never writes. */
@ApplicationScoped
public class SyncStatusReader implements SyncStatusSource {

    private static final int BATCH = 100;

    private final DynamoDbClient dynamo;
    private final Deployment deployment;

    public SyncStatusReader(DynamoDbClient dynamo, Deployment deployment) {
        this.dynamo = dynamo;
        this.deployment = deployment;
    }

    @Override
    public Map<BotKey, BotSyncState> read(List<BotKey> keys) {
        // Unknown until the stack is read: the tracker counts it as an unanswered read and asks again.
        String table = deployment.tableName().orElseThrow(() -> SdkClientException.create(
                "The conversation table is not known: " + deployment.settings().problem()));
        Map<BotKey, BotSyncState> states = new HashMap<>();
        List<BotKey> unique = keys.stream().distinct().toList();
        for (int from = 0; from < unique.size(); from += BATCH) {
            List<Map<String, AttributeValue>> batch = new ArrayList<>();
            for (BotKey key : unique.subList(from, Math.min(unique.size(), from + BATCH))) {
                batch.add(Map.of("PK", AttributeValue.fromS(key.pk()), "SK", AttributeValue.fromS(key.sk())));
                states.put(key, BotSyncState.GONE);
            }
            Map<String, KeysAndAttributes> pending = Map.of(table, KeysAndAttributes.builder().keys(batch)
                    .consistentRead(true)
                    .projectionExpression("#pk, #sk, #status, #reason, #exec")
                    .expressionAttributeNames(Map.of("#pk", "PK", "#sk", "SK", "#status", "SyncStatus",
                            "#reason", "SyncStatusReason", "#exec", "LastExecId"))
                    .build());
            BatchRetry.untilDone(pending, request -> {
                var response = dynamo.batchGetItem(b -> b.requestItems(request));
                for (Map<String, AttributeValue> item : response.responses().getOrDefault(table, List.of())) {
                    states.put(new BotKey(item.get("PK").s(), item.get("SK").s()), new BotSyncState(true,
                            text(item, "SyncStatus"), text(item, "SyncStatusReason"), text(item, "LastExecId")));
                }
                return response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
            }, Map::isEmpty);
        }
        return states;
    }

    private static String text(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
