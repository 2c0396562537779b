package io.reembed.local.dynamodb;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** ConsumedCapacity as DynamoDB counts it on demand: reads per 4 KB (half when eventually consistent), writes per 1 KB. */
final class Capacity {

    private Capacity() {
    }

    static double readUnits(long bytes, boolean consistent) {
        double units = Math.max(1, Math.ceil(bytes / 4096.0));
        return consistent ? units : units / 2;
    }

    static double writeUnits(long bytes) {
        return Math.max(1, Math.ceil(bytes / 1024.0));
    }

    /** Adds ConsumedCapacity to the response when the request asked for it (TOTAL or INDEXES). */
    static void add(ObjectNode response, ObjectNode request, String table, double units) {
        ObjectNode consumed = consumed(request, table, units);
        if (consumed != null) {
            response.set("ConsumedCapacity", consumed);
        }
    }

    /** The same for the batch and transaction calls, which answer with a list, one entry per table. */
    static void addToList(ArrayNode list, ObjectNode request, String table, double units) {
        ObjectNode consumed = consumed(request, table, units);
        if (consumed != null) {
            list.add(consumed);
        }
    }

    static boolean asked(ObjectNode request) {
        String mode = Requests.text(request, "ReturnConsumedCapacity");
        return mode != null && !mode.equals("NONE");
    }

    private static ObjectNode consumed(ObjectNode request, String table, double units) {
        String mode = Requests.text(request, "ReturnConsumedCapacity");
        if (mode == null || mode.equals("NONE")) {
            return null;
        }
        ObjectNode consumed = JsonNodeFactory.instance.objectNode();
        consumed.put("TableName", table);
        consumed.put("CapacityUnits", units);
        if (mode.equals("INDEXES")) {
            consumed.putObject("Table").put("CapacityUnits", units);
        }
        return consumed;
    }
}
