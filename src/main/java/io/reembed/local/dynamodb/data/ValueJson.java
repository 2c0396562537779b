package io.reembed.local.dynamodb.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** DynamoDB's JSON form of attribute values ({"S": "x"}, {"N": "1.5"}, …), read strictly and written back. */
public final class ValueJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueJson() {
    }

    /** An item or a key: {"name": {"S": "x"}, …}. */
    public static Map<String, Value> item(JsonNode node) {
        if (node == null || node.isNull()) {
            return new LinkedHashMap<>();
        }
        if (!node.isObject()) {
            throw serialization("an item must be a JSON object");
        }
        Map<String, Value> item = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            item.put(field.getKey(), value(field.getValue()));
        }
        return item;
    }

    public static Value value(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw serialization("an attribute value must be a JSON object");
        }
        if (node.size() == 0) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
        }
        if (node.size() > 1) {
            throw DynamoDbException.validation(
                    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes");
        }
        Map.Entry<String, JsonNode> only = node.fields().next();
        JsonNode content = only.getValue();
        return switch (only.getKey()) {
            case "S" -> new Value.S(text(content));
            case "N" -> new Value.N(Numbers.parse(text(content)));
            case "B" -> new Value.B(bytes(content));
            case "BOOL" -> {
                if (!content.isBoolean()) {
                    throw serialization("BOOL must be true or false");
                }
                yield new Value.Bool(content.booleanValue());
            }
            case "NULL" -> {
                if (!content.isBoolean()) {
                    throw serialization("NULL must be true");
                }
                if (!content.booleanValue()) {
                    throw DynamoDbException.validation(
                            "One or more parameter values were invalid: Null attribute value types must have the value of true");
                }
                yield new Value.Null();
            }
            case "M" -> {
                if (!content.isObject()) {
                    throw serialization("M must be a JSON object");
                }
                yield new Value.M(item(content));
            }
            case "L" -> {
                if (!content.isArray()) {
                    throw serialization("L must be a JSON array");
                }
                List<Value> list = new ArrayList<>();
                content.forEach(element -> list.add(value(element)));
                yield new Value.L(list);
            }
            case "SS" -> new Value.SS(set(content, "string", ValueJson::text, Function.identity()));
            case "NS" -> new Value.NS(set(content, "number", n -> Numbers.parse(text(n)), BigDecimal::toPlainString));
            case "BS" -> new Value.BS(set(content, "binary", ValueJson::bytes, Bytes::base64));
            default -> throw DynamoDbException.validation("Supplied AttributeValue has an unknown datatype: "
                    + only.getKey());
        };
    }

    private static <T> Set<T> set(JsonNode content, String kind, Function<JsonNode, T> read,
            Function<T, String> show) {
        if (!content.isArray()) {
            throw serialization("a set must be a JSON array");
        }
        if (content.isEmpty()) {
            throw DynamoDbException.validation("One or more parameter values were invalid: An " + kind
                    + " set  may not be empty");
        }
        Set<T> set = new LinkedHashSet<>();
        List<String> written = new ArrayList<>();
        boolean duplicate = false;
        for (JsonNode element : content) {
            T value = read.apply(element);
            duplicate |= !set.add(value);
            written.add(show.apply(value));
        }
        if (duplicate) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Input collection "
                    + written + " contains duplicates.");
        }
        return set;
    }

    private static String text(JsonNode node) {
        if (node == null || !node.isTextual()) {
            throw serialization("expected a string");
        }
        return node.textValue();
    }

    private static Bytes bytes(JsonNode node) {
        try {
            return new Bytes(Base64.getDecoder().decode(text(node)));
        } catch (IllegalArgumentException e) {
            throw serialization("binary values must be base64");
        }
    }

    private static DynamoDbException serialization(String message) {
        return new DynamoDbException("SerializationException", "Start of structure or map found where not expected: "
                + message, 400);
    }

    public static ObjectNode write(Map<String, Value> item) {
        ObjectNode node = NODES.objectNode();
        item.forEach((name, value) -> node.set(name, write(value)));
        return node;
    }

    public static ObjectNode write(Value value) {
        ObjectNode node = NODES.objectNode();
        if (value instanceof Value.S s) {
            node.put("S", s.value());
        } else if (value instanceof Value.N n) {
            node.put("N", n.text());
        } else if (value instanceof Value.B b) {
            node.put("B", b.value().base64());
        } else if (value instanceof Value.Bool b) {
            node.put("BOOL", b.value());
        } else if (value instanceof Value.Null) {
            node.put("NULL", true);
        } else if (value instanceof Value.M m) {
            node.set("M", write(m.value()));
        } else if (value instanceof Value.L l) {
            ArrayNode list = node.putArray("L");
            l.value().forEach(element -> list.add(write(element)));
        } else if (value instanceof Value.SS ss) {
            ss.value().forEach(node.putArray("SS")::add);
        } else if (value instanceof Value.NS ns) {
            ArrayNode set = node.putArray("NS");
            ns.value().forEach(n -> set.add(n.toPlainString()));
        } else if (value instanceof Value.BS bs) {
            ArrayNode set = node.putArray("BS");
            bs.value().forEach(b -> set.add(b.base64()));
        }
        return node;
    }
}
