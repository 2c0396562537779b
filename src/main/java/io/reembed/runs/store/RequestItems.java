package io.reembed.runs.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.reembed.runs.engine.EngineRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The commands copies pass to the one that drives runs: one item each in the REQUESTS partition, in the order of their ids. */
final class RequestItems {

    private static final String PARTITION = "REQUESTS";

    private final DynamoDbClient dynamo;
    private final String table;

    RequestItems(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    void save(EngineRequest request) {
        Map<String, AttributeValue> item = new HashMap<>(key(request.id()));
        item.put("at", AttributeValue.fromS(request.at().toString()));
        item.put("who", AttributeValue.fromS(request.who()));
        item.put("action", AttributeValue.fromS(request.action()));
        if (request.runId() != null) {
            item.put("runId", AttributeValue.fromS(request.runId()));
        }
        item.put("arguments", strings(request.arguments()));
        if (request.outcome() != null) {
            item.put("outcome", strings(request.outcome()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    List<EngineRequest> all() {
        QueryRequest request = QueryRequest.builder().tableName(table).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(PARTITION)))
                .consistentRead(true).build();
        return dynamo.queryPaginator(request).items().stream().map(RequestItems::readable).toList();
    }

    Optional<EngineRequest> find(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(id))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(readable(item));
    }

    void delete(String id) {
        dynamo.deleteItem(b -> b.tableName(table).key(key(id)));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("PK", AttributeValue.fromS(PARTITION), "SK", AttributeValue.fromS(id));
    }

    /** A request item as stored, or, when a field is missing or of another type, one marked unreadable. */
    private static EngineRequest readable(Map<String, AttributeValue> item) {
        try {
            return new EngineRequest(item.get("SK").s(), Instant.parse(item.get("at").s()), item.get("who").s(),
                    item.get("action").s(), item.containsKey("runId") ? item.get("runId").s() : null,
                    strings(item.get("arguments")), item.containsKey("outcome") ? strings(item.get("outcome")) : null);
        } catch (RuntimeException e) {
            String id = item.containsKey("SK") && item.get("SK").s() != null ? item.get("SK").s() : "?";
            return EngineRequest.malformed(id, String.valueOf(e.getMessage()));
        }
    }

    private static AttributeValue strings(Map<String, String> values) {
        Map<String, AttributeValue> map = new HashMap<>();
        values.forEach((key, value) -> map.put(key, AttributeValue.fromS(value)));
        return AttributeValue.fromM(map);
    }

    private static Map<String, String> strings(AttributeValue value) {
        Map<String, String> map = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((key, entry) -> map.put(key, entry.s()));
        }
        return map;
    }
}
