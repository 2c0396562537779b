package io.reembed.local.dynamodb.expression;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, shared by all of its
 * expressions: each reference is checked to be defined, and each definition to be used.
 */
public final class ExpressionInput {

    private final Map<String, String> names;
    private final Map<String, Value> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    public ExpressionInput(Map<String, String> names, Map<String, Value> values) {
        this.names = names == null ? null : new LinkedHashMap<>(names);
        this.values = values == null ? null : new LinkedHashMap<>(values);
        if (this.names != null && this.names.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeNames must not be empty");
        }
        if (this.values != null && this.values.isEmpty()) {
            throw DynamoDbException.validation("ExpressionAttributeValues must not be empty");
        }
    }

    /** Refuses names or values given when the request has no expression at all. */
    public void requireNone() {
        if (names != null) {
            throw DynamoDbException.validation("ExpressionAttributeNames can only be specified when using expressions");
        }
        if (values != null) {
            throw DynamoDbException.validation("ExpressionAttributeValues can only be specified when using expressions");
        }
    }

    String name(String reference, String expressionKind) {
        String name = names == null ? null : names.get(reference);
        if (name == null) {
            throw DynamoDbException.validation("Invalid " + expressionKind
                    + ": An expression attribute name used in the document path is not defined; attribute name: "
                    + reference);
        }
        usedNames.add(reference);
        return name;
    }

    Value value(String reference, String expressionKind) {
        Value value = values == null ? null : values.get(reference);
        if (value == null) {
            throw DynamoDbException.validation("Invalid " + expressionKind
                    + ": An expression attribute value used in expression is not defined; attribute value: "
                    + reference);
        }
        usedValues.add(reference);
        return value;
    }

    /** After every expression of the request is parsed: nothing given may be left unused. */
    public void requireAllUsed() {
        if (names != null && !usedNames.containsAll(names.keySet())) {
            Set<String> unused = new TreeSet<>(names.keySet());
            unused.removeAll(usedNames);
            throw DynamoDbException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
        if (values != null && !usedValues.containsAll(values.keySet())) {
            Set<String> unused = new TreeSet<>(values.keySet());
            unused.removeAll(usedValues);
            throw DynamoDbException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                    + String.join(", ", unused) + "}");
        }
    }
}
