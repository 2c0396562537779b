package io.reembed.runs.store;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import io.reembed.runs.engine.EngineCommand;
import io.reembed.runs.engine.EngineRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The commands copies pass to the one that drives runs: one item each in the REQUESTS partition, in
 * the order of their ids, the command as JSON (its {@code action} naming it) beside who asked and when.
 */
final class RequestItems {

    private static final String PARTITION = "REQUESTS";
    // Unknown fields and unknown actions fail the reading: such a request is answered as unknown, never guessed at.
    private static final ObjectMapper JSON = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

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
        try {
            item.put("command", AttributeValue.fromS(JSON.writeValueAsString(request.command())));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A command that cannot be written as JSON: " + request.command(), e);
        }
        if (request.outcome() != null) {
            item.put("outcome", strings(request.outcome()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    /**
     * The outcome written into the request as stored (even one no command reads), unless its copy gave
     * up waiting and removed it. A put of the item read, not an update: the role needs no UpdateItem.
     */
    void answer(String id, Map<String, String> outcome) {
        Map<String, AttributeValue> stored = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(key(id))).item();
        if (stored == null || stored.isEmpty()) {
            return;
        }
        Map<String, AttributeValue> item = new HashMap<>(stored);
        item.put("outcome", strings(outcome));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_exists(PK)"));
        } catch (ConditionalCheckFailedException e) {
            // Nobody waits for it any more.
        }
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

    /** A request item as stored; one whose command cannot be read (another version's, or damaged) has none, only the problem. */
    private static EngineRequest readable(Map<String, AttributeValue> item) {
        String id = text(item, "SK").orElse("?");
        Instant at;
        try {
            at = Instant.parse(text(item, "at").orElse(""));
        } catch (RuntimeException e) {
            at = Instant.EPOCH;
        }
        String who = text(item, "who").orElse("?");
        Map<String, String> outcome = item.containsKey("outcome") ? strings(item.get("outcome")) : null;
        Optional<String> json = text(item, "command");
        if (json.isEmpty()) {
            return new EngineRequest(id, at, who, null, outcome, "no command in it (stored by an older version)");
        }
        try {
            return new EngineRequest(id, at, who, JSON.readValue(json.get(), EngineCommand.class), outcome, null);
        } catch (JsonProcessingException | RuntimeException e) {
            return new EngineRequest(id, at, who, null, outcome, "its command cannot be read: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static Optional<String> text(Map<String, AttributeValue> item, String name) {
        return Optional.ofNullable(item.get(name)).map(AttributeValue::s);
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
