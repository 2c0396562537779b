package io.reembed.local.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import io.reembed.aws.BatchRetry;

/** Writes many items in batches of 25, resending what DynamoDB left unprocessed. */
public final class TableWriter {

    private static final int BATCH = 25;

    private TableWriter() {
    }

    public static void putAll(DynamoDbClient dynamo, String table, List<Map<String, AttributeValue>> items) {
        for (int from = 0; from < items.size(); from += BATCH) {
            List<WriteRequest> batch = new ArrayList<>();
            for (Map<String, AttributeValue> item : items.subList(from, Math.min(items.size(), from + BATCH))) {
                batch.add(WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build());
            }
            BatchRetry.<Map<String, List<WriteRequest>>>untilDone(Map.of(table, batch), pending -> {
                var response = dynamo.batchWriteItem(b -> b.requestItems(pending));
                return response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }, Map::isEmpty);
        }
    }
}
