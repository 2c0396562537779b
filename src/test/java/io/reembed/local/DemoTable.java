package io.reembed.local;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads the seeded demo table directly, for tests that need a bot of a certain kind. */
public final class DemoTable {

    private final DynamoDbClient dynamo;
    private final String table;

    public DemoTable(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    public List<Map<String, AttributeValue>> bots(Predicate<Map<String, AttributeValue>> wanted) {
        return dynamo.scanPaginator(b -> b.tableName(table)).items().stream()
                .filter(item -> item.get("SK").s().contains("#BOT#"))
                .filter(wanted)
                .toList();
    }

    public Map<String, AttributeValue> get(String pk, String sk) {
        return dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk)))).item();
    }

    public static List<String> urls(Map<String, AttributeValue> bot) {
        AttributeValue knowledge = bot.get("Knowledge");
        if (knowledge == null || !knowledge.hasM() || !knowledge.m().containsKey("source_urls")
                || !knowledge.m().get("source_urls").hasL()) {
            return List.of();
        }
        return knowledge.m().get("source_urls").l().stream().map(AttributeValue::s).toList();
    }

    public static boolean hasKnowledge(Map<String, AttributeValue> bot) {
        AttributeValue knowledge = bot.get("Knowledge");
        return knowledge != null && knowledge.hasM() && knowledge.m().values().stream()
                .anyMatch(list -> list.hasL() && !list.l().isEmpty());
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
