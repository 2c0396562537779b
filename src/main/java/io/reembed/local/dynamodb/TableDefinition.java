package io.reembed.local.dynamodb;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.local.dynamodb.data.DynamoDbException;

/** A table as CreateTable defines it, checked the way DynamoDB checks it. */
record TableDefinition(String name, KeySchema key, Map<String, String> attributeTypes, List<IndexDefinition> indexes,
        String billingMode, ObjectNode request, Instant created, String arn, String id) {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");
    private static final Set<String> KEY_TYPES = Set.of("S", "N", "B");

    /** A partition key and an optional sort key. */
    record KeySchema(String hash, String range) {
        List<String> attributes() {
            return range == null ? List.of(hash) : List.of(hash, range);
        }
    }

    record IndexDefinition(String name, boolean global, KeySchema key, String projectionType,
            List<String> nonKeyAttributes) {
    }

    Optional<IndexDefinition> index(String indexName) {
        return indexes.stream().filter(index -> index.name().equals(indexName)).findFirst();
    }

    static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name
                    + "' at 'tableName' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + "[a-zA-Z0-9_.-]+ and have length between 3 and 255");
        }
    }

    static TableDefinition parse(ObjectNode request, Instant created, String region, String account) {
        String name = request.path("TableName").asText(null);
        checkName(name);
        KeySchema key = keySchema(request.path("KeySchema"), "table");
        Map<String, String> types = new LinkedHashMap<>();
        for (JsonNode definition : request.path("AttributeDefinitions")) {
            String type = definition.path("AttributeType").asText();
            if (!KEY_TYPES.contains(type)) {
                throw DynamoDbException.validation("1 validation error detected: Value '" + type
                        + "' at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: "
                        + "Member must satisfy enum value set: [B, N, S]");
            }
            types.put(definition.path("AttributeName").asText(), type);
        }
        List<IndexDefinition> indexes = new ArrayList<>();
        for (JsonNode index : request.path("LocalSecondaryIndexes")) {
            IndexDefinition local = index(index, false);
            if (key.range() == null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Table KeySchema does "
                        + "not have a range key, which is required when specifying a LocalSecondaryIndex");
            }
            if (!local.key().hash().equals(key.hash()) || local.key().range() == null) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Index KeySchema does "
                        + "not have the same leading hash key as table KeySchema for index: " + local.name());
            }
            indexes.add(local);
        }
        for (JsonNode index : request.path("GlobalSecondaryIndexes")) {
            indexes.add(index(index, true));
        }
        if (indexes.stream().filter(i -> !i.global()).count() > 5) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of 5");
        }
        if (indexes.stream().filter(IndexDefinition::global).count() > 20) {
            throw DynamoDbException.validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of 20");
        }
        Set<String> seen = new HashSet<>();
        for (IndexDefinition index : indexes) {
            if (!seen.add(index.name())) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Duplicate index name: "
                        + index.name());
            }
        }
        Set<String> used = new HashSet<>(key.attributes());
        indexes.forEach(index -> used.addAll(index.key().attributes()));
        for (String attribute : used) {
            if (!types.containsKey(attribute)) {
                throw DynamoDbException.validation("One or more parameter values were invalid: Some index key "
                        + "attributes are not defined in AttributeDefinitions. Keys: [" + attribute
                        + "], AttributeDefinitions: " + types.keySet());
            }
        }
        if (!used.containsAll(types.keySet())) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Number of attributes in "
                    + "KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
        String billing = request.path("BillingMode").asText("PROVISIONED");
        if (!billing.equals("PROVISIONED") && !billing.equals("PAY_PER_REQUEST")) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + billing
                    + "' at 'billingMode' failed to satisfy constraint: Member must satisfy enum value set: [PROVISIONED, PAY_PER_REQUEST]");
        }
        if (billing.equals("PROVISIONED") && !request.has("ProvisionedThroughput")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ReadCapacityUnits and "
                    + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
        }
        if (billing.equals("PAY_PER_REQUEST") && request.has("ProvisionedThroughput")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Neither "
                    + "ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST");
        }
        String arn = "arn:aws:dynamodb:" + region + ":" + account + ":table/" + name;
        String id = UUID.nameUUIDFromBytes((arn + created.toEpochMilli()).getBytes()).toString();
        return new TableDefinition(name, key, types, List.copyOf(indexes), billing, request, created, arn, id);
    }

    private static IndexDefinition index(JsonNode index, boolean global) {
        String name = index.path("IndexName").asText(null);
        if (name == null || !NAME.matcher(name).matches()) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + name
                    + "' at 'indexName' failed to satisfy constraint: Member must have length between 3 and 255");
        }
        KeySchema key = keySchema(index.path("KeySchema"), name);
        JsonNode projection = index.path("Projection");
        String type = projection.path("ProjectionType").asText("");
        if (!Set.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Unknown ProjectionType: "
                    + type + " for index: " + name);
        }
        List<String> nonKey = new ArrayList<>();
        projection.path("NonKeyAttributes").forEach(attribute -> nonKey.add(attribute.asText()));
        if (!type.equals("INCLUDE") && !nonKey.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: ProjectionType is "
                    + type + ", but NonKeyAttributes is specified");
        }
        return new IndexDefinition(name, global, key, type, List.copyOf(nonKey));
    }

    private static KeySchema keySchema(JsonNode schema, String owner) {
        String hash = null;
        String range = null;
        for (JsonNode element : schema) {
            String type = element.path("KeyType").asText();
            String attribute = element.path("AttributeName").asText();
            if (type.equals("HASH") && hash == null) {
                hash = attribute;
            } else if (type.equals("RANGE") && range == null) {
                range = attribute;
            } else {
                throw DynamoDbException.validation("Invalid KeySchema: Some index key attribute have no definition or "
                        + "the key schema is not one HASH key and at most one RANGE key (" + owner + ")");
            }
        }
        if (hash == null || (schema.size() == 2 && range == null)) {
            throw DynamoDbException.validation("1 validation error detected: Invalid KeySchema: The first "
                    + "KeySchemaElement is not a HASH key type (" + owner + ")");
        }
        if (hash.equals(range)) {
            throw DynamoDbException.validation("Both the Hash Key and the Range Key element in the KeySchema have "
                    + "the same name");
        }
        return new KeySchema(hash, range);
    }
}
