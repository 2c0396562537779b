package io.reembed.local.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** DescribeTable's TableDescription: the definition as created, with live item counts and sizes. */
final class TableDescriptions {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TableDescriptions() {
    }

    static ObjectNode describe(Table table, String status) {
        TableDefinition definition = table.definition();
        ObjectNode request = definition.request();
        ObjectNode description = NODES.objectNode();
        description.put("TableName", definition.name());
        description.put("TableStatus", status);
        description.set("KeySchema", request.get("KeySchema").deepCopy());
        description.set("AttributeDefinitions", request.get("AttributeDefinitions").deepCopy());
        description.put("CreationDateTime", definition.created().toEpochMilli() / 1000.0);
        description.put("ItemCount", table.items().count());
        description.put("TableSizeBytes", table.items().bytes());
        description.put("TableArn", definition.arn());
        description.put("TableId", definition.id());
        description.put("DeletionProtectionEnabled", false);
        boolean onDemand = definition.billingMode().equals("PAY_PER_REQUEST");
        if (onDemand) {
            description.putObject("BillingModeSummary").put("BillingMode", "PAY_PER_REQUEST")
                    .put("LastUpdateToPayPerRequestDateTime", definition.created().toEpochMilli() / 1000.0);
        }
        description.set("ProvisionedThroughput", throughput(request.get("ProvisionedThroughput")));
        ArrayNode locals = NODES.arrayNode();
        ArrayNode globals = NODES.arrayNode();
        for (JsonNode index : request.path("LocalSecondaryIndexes")) {
            locals.add(index(table, definition, index, false));
        }
        for (JsonNode index : request.path("GlobalSecondaryIndexes")) {
            globals.add(index(table, definition, index, true));
        }
        if (!locals.isEmpty()) {
            description.set("LocalSecondaryIndexes", locals);
        }
        if (!globals.isEmpty()) {
            description.set("GlobalSecondaryIndexes", globals);
        }
        JsonNode stream = request.get("StreamSpecification");
        if (stream != null && stream.path("StreamEnabled").asBoolean(false)) {
            // Described as created; the emulator writes no stream records (the Streams API is not served).
            description.set("StreamSpecification", stream.deepCopy());
            String label = definition.created().toString();
            description.put("LatestStreamLabel", label);
            description.put("LatestStreamArn", definition.arn() + "/stream/" + label);
        }
        return description;
    }

    private static ObjectNode index(Table table, TableDefinition definition, JsonNode request, boolean global) {
        String name = request.path("IndexName").asText();
        ItemStore store = table.index(name);
        ObjectNode index = NODES.objectNode();
        index.put("IndexName", name);
        index.set("KeySchema", request.get("KeySchema").deepCopy());
        index.set("Projection", request.get("Projection").deepCopy());
        index.put("IndexSizeBytes", store.bytes());
        index.put("ItemCount", store.count());
        index.put("IndexArn", definition.arn() + "/index/" + name);
        if (global) {
            index.put("IndexStatus", "ACTIVE");
            index.set("ProvisionedThroughput", throughput(request.get("ProvisionedThroughput")));
        }
        return index;
    }

    private static ObjectNode throughput(JsonNode provisioned) {
        ObjectNode throughput = NODES.objectNode();
        throughput.put("NumberOfDecreasesToday", 0);
        throughput.put("ReadCapacityUnits", provisioned == null ? 0 : provisioned.path("ReadCapacityUnits").asLong());
        throughput.put("WriteCapacityUnits", provisioned == null ? 0 : provisioned.path("WriteCapacityUnits").asLong());
        return throughput;
    }
}
