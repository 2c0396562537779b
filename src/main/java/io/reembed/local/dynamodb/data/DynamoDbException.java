package io.reembed.local.dynamodb.data;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An error as DynamoDB answers it: {@code __type} (the SDK maps the part after '#' to its own
 * exception class), a message, the HTTP status, and any further fields of the error body
 * (the item of a failed condition, a transaction's cancellation reasons).
 */
public class DynamoDbException extends RuntimeException {

    private static final String PREFIX = "com.amazonaws.dynamodb.v20120810#";

    private final String code;
    private final int status;
    private final ObjectNode extra;

    public DynamoDbException(String code, String message, int status) {
        this(code, message, status, JsonNodeFactory.instance.objectNode());
    }

    public DynamoDbException(String code, String message, int status, ObjectNode extra) {
        super(message, null, false, false);
        this.code = code;
        this.status = status;
        this.extra = extra;
    }

    public static DynamoDbException validation(String message) {
        return new DynamoDbException("ValidationException", message, 400);
    }

    public static DynamoDbException notFound(String message) {
        return new DynamoDbException("ResourceNotFoundException", message, 400);
    }

    public String code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** The error body DynamoDB sends. */
    public ObjectNode body() {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("__type", PREFIX + code);
        body.put("message", getMessage());
        body.setAll(extra);
        return body;
    }
}
