package io.reembed.local.dynamodb;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;
import io.reembed.local.dynamodb.data.ValueJson;
import io.reembed.local.dynamodb.expression.ExpressionInput;

/** Reading the fields of a request body strictly: a field of the wrong JSON type is a SerializationException. */
final class Requests {

    private Requests() {
    }

    static String text(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw serialization(field);
        }
        return node.textValue();
    }

    static String requiredText(JsonNode request, String field) {
        String text = text(request, field);
        if (text == null) {
            throw DynamoDbException.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return text;
    }

    static Integer integer(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber()) {
            throw serialization(field);
        }
        return node.intValue();
    }

    static boolean bool(JsonNode request, String field) {
        JsonNode node = request.get(field);
        if (node == null || node.isNull()) {
            return false;
        }
        if (!node.isBoolean()) {
            throw serialization(field);
        }
        return node.booleanValue();
    }

    static ExpressionInput expressionInput(JsonNode request) {
        Map<String, String> names = null;
        JsonNode namesNode = request.get("ExpressionAttributeNames");
        if (namesNode != null && !namesNode.isNull()) {
            names = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = namesNode.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> entry = it.next();
                names.put(entry.getKey(), entry.getValue().asText());
            }
        }
        JsonNode valuesNode = request.get("ExpressionAttributeValues");
        Map<String, Value> values = valuesNode == null || valuesNode.isNull() ? null : ValueJson.item(valuesNode);
        return new ExpressionInput(names, values);
    }

    /** Legacy (pre-expression) parameters are not implemented: say so rather than ignore them. */
    static void refuseLegacy(JsonNode request, String... fields) {
        for (String field : fields) {
            if (request.has(field)) {
                throw DynamoDbException.validation("The console's DynamoDB emulator does not implement the legacy "
                        + "parameter " + field + "; use the expression parameters instead");
            }
        }
    }

    private static DynamoDbException serialization(String field) {
        return new DynamoDbException("SerializationException", "Unexpected value type in payload for " + field, 400);
    }

    private static String lowerFirst(String field) {
        return Character.toLowerCase(field.charAt(0)) + field.substring(1);
    }
}
