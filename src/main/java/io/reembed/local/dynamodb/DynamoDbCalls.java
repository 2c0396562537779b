package io.reembed.local.dynamodb;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.reembed.local.AwsCallLog;

/**
 * The IAM actions and resources of one DynamoDB call, as IAM authorises them: a Query or Scan of an
 * index names the index; a batch names each of its tables; a transaction is authorised item by item
 * (TransactWriteItems is no action of its own: its Puts need dynamodb:PutItem, and so on).
 */
final class DynamoDbCalls {

    private DynamoDbCalls() {
    }

    static void record(String operation, JsonNode request, String tableArnPrefix) {
        switch (operation) {
            case "BatchGetItem", "BatchWriteItem" -> {
                List<String> tables = new ArrayList<>();
                for (Iterator<String> names = request.path("RequestItems").fieldNames(); names.hasNext(); ) {
                    tables.add(tableArnPrefix + names.next());
                }
                AwsCallLog.record("dynamodb:" + operation, tables);
            }
            case "TransactWriteItems", "TransactGetItems" -> {
                for (JsonNode item : request.path("TransactItems")) {
                    for (Iterator<Map.Entry<String, JsonNode>> kinds = item.fields(); kinds.hasNext(); ) {
                        Map.Entry<String, JsonNode> kind = kinds.next();
                        String action = switch (kind.getKey()) {
                            case "Put" -> "PutItem";
                            case "Update" -> "UpdateItem";
                            case "Delete" -> "DeleteItem";
                            case "ConditionCheck" -> "ConditionCheckItem";
                            default -> "GetItem";
                        };
                        AwsCallLog.record("dynamodb:" + action,
                                List.of(tableArnPrefix + kind.getValue().path("TableName").asText()));
                    }
                }
            }
            case "ListTables" -> AwsCallLog.record("dynamodb:ListTables", List.of("*"));
            default -> {
                String table = tableArnPrefix + request.path("TableName").asText();
                String index = request.path("IndexName").asText(null);
                AwsCallLog.record("dynamodb:" + operation, List.of(index == null ? table : table + "/index/" + index));
            }
        }
    }
}
