package io.reembed.local.dynamodb;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;

/** One table: its items in key order, its indexes kept in step with every write, and DynamoDB's item rules. */
final class Table {

    static final long MAX_ITEM_BYTES = 400 * 1024;

    private final TableDefinition definition;
    private final ItemStore items;
    private final Map<String, ItemStore> indexes = new LinkedHashMap<>();

    Table(TableDefinition definition) {
        this.definition = definition;
        this.items = new ItemStore(definition.key(), null);
        for (TableDefinition.IndexDefinition index : definition.indexes()) {
            indexes.put(index.name(), new ItemStore(index.key(), definition.key()));
        }
    }

    TableDefinition definition() {
        return definition;
    }

    ItemStore items() {
        return items;
    }

    ItemStore index(String name) {
        return indexes.get(name);
    }

    Map<String, Value> get(Map<String, Value> key) {
        return items.get(key);
    }

    /** Replaces the item with the same key (or adds it); indexes follow. */
    void put(Map<String, Value> item) {
        Map<String, Value> old = items.get(item);
        if (old != null) {
            delete(old);
        }
        items.put(item);
        indexes.values().forEach(index -> {
            if (index.holds(item)) {
                index.put(item);
            }
        });
    }

    void delete(Map<String, Value> key) {
        Map<String, Value> old = items.get(key);
        if (old == null) {
            return;
        }
        items.remove(old);
        indexes.values().forEach(index -> {
            if (index.holds(old)) {
                index.remove(old);
            }
        });
    }

    /** Checks a key: exactly the table's key attributes, of their defined types, not empty. */
    Map<String, Value> key(Map<String, Value> key) {
        List<String> attributes = definition.key().attributes();
        if (key.size() != attributes.size() || !key.keySet().containsAll(attributes)) {
            throw DynamoDbException.validation("The provided key element does not match the schema");
        }
        for (String attribute : attributes) {
            Value value = key.get(attribute);
            if (!value.type().equals(definition.attributeTypes().get(attribute))) {
                throw DynamoDbException.validation("The provided key element does not match the schema");
            }
            if (empty(value)) {
                throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue "
                        + "for a key attribute cannot contain an empty string value. Key: " + attribute);
            }
        }
        return key;
    }

    /** The key attributes of an item, in the table's order. */
    Map<String, Value> keyOf(Map<String, Value> item) {
        Map<String, Value> key = new LinkedHashMap<>();
        definition.key().attributes().forEach(attribute -> key.put(attribute, item.get(attribute)));
        return key;
    }

    /** Checks a whole item before it is written: its key, index keys that it has, its size. */
    void checkItem(Map<String, Value> item) {
        for (String attribute : definition.key().attributes()) {
            Value value = item.get(attribute);
            if (value == null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Missing the key "
                        + attribute + " in the item");
            }
            String expected = definition.attributeTypes().get(attribute);
            if (!value.type().equals(expected)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for key "
                        + attribute + " expected: " + expected + " actual: " + value.type());
            }
            if (empty(value)) {
                throw DynamoDbException.validation("One or more parameter values are not valid. The AttributeValue "
                        + "for a key attribute cannot contain an empty string value. Key: " + attribute);
            }
        }
        for (TableDefinition.IndexDefinition index : definition.indexes()) {
            for (String attribute : index.key().attributes()) {
                Value value = item.get(attribute);
                if (value == null || definition.key().attributes().contains(attribute)) {
                    continue;
                }
                String expected = definition.attributeTypes().get(attribute);
                if (!value.type().equals(expected)) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Type mismatch for "
                            + "Index Key " + attribute + " Expected: " + expected + " Actual: " + value.type()
                            + " IndexName: " + index.name());
                }
                if (empty(value)) {
                    throw DynamoDbException.validation("One or more parameter values are not valid. A value specified "
                            + "for a secondary index key is not supported. The AttributeValue for a key attribute "
                            + "cannot contain an empty string value. IndexName: " + index.name() + ", IndexKey: "
                            + attribute);
                }
            }
        }
        if (Value.itemSize(item) > MAX_ITEM_BYTES) {
            throw DynamoDbException.validation("Item size has exceeded the maximum allowed size");
        }
    }

    private static boolean empty(Value value) {
        return (value instanceof Value.S s && s.value().isEmpty()) || (value instanceof Value.B b && b.value().length() == 0);
    }
}
