package io.reembed.local.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plays Bedrock Chat's embedding container: reads the bot named by the command override,
 * marks it RUNNING with the task id, and at the end writes SUCCEEDED or FAILED, as the real
 * {@code embedding/main.py} does. Only the demo's ECS emulator uses it.
 */
final class EmbeddingContainer {

    static final String SUCCESS_REASON = "Successfully inserted to vector store.";
    static final String NO_CONTENT_REASON = "No contents to embed.";
    static final String OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";

    /** How a container run ends; {@code syncStatus} null means the table is left as it is. */
    record Outcome(double seconds, int exitCode, String syncStatus, String reason, String containerReason) {
    }

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;

    EmbeddingContainer(DynamoDbClient dynamo, String table, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = table;
        this.json = json;
    }

    /** Starts the container: decides how it will end and writes what the real task writes at its start. */
    Outcome start(String taskId, List<String> command, double failureRate, Random random) {
        Map<String, AttributeValue> keys = keys(command);
        if (keys == null) {
            return new Outcome(1, 1, null, null, null);
        }
        Map<String, AttributeValue> bot = dynamo.getItem(b -> b.tableName(table).key(keys).consistentRead(true)).item();
        if (bot == null || bot.isEmpty()) {
            return new Outcome(2, 1, null, null, null);
        }
        write(keys, "RUNNING", "", taskId);
        List<String> urls = strings(bot, "source_urls");
        urls.addAll(strings(bot, "sitemap_urls"));
        List<String> files = strings(bot, "filenames");
        double seconds = 8 + 1.5 * (urls.size() + files.size());
        for (String url : urls) {
            if (url.contains("out-of-memory")) {
                return new Outcome(seconds, 137, null, null, OOM_REASON);
            }
            if (url.contains("fail")) {
                return new Outcome(seconds, 1, "FAILED", "Failed to load " + url + ": 404 Not Found", null);
            }
        }
        if (urls.isEmpty() && files.isEmpty()) {
            return new Outcome(3, 0, "SUCCEEDED", NO_CONTENT_REASON, null);
        }
        if (random.nextDouble() < failureRate) {
            // The script catches the error, records it, and exits normally.
            return new Outcome(seconds, 0, "FAILED",
                    "An error occurred (ThrottlingException) when calling the InvokeModel operation: Too many requests",
                    null);
        }
        return new Outcome(seconds, 0, "SUCCEEDED", SUCCESS_REASON, null);
    }

    /** The container ends as planned: the final SyncStatus, if the script got to write one. */
    void finish(String taskId, List<String> command, Outcome outcome) {
        Map<String, AttributeValue> keys = keys(command);
        if (keys != null && outcome.syncStatus() != null) {
            write(keys, outcome.syncStatus(), outcome.reason(), taskId);
        }
    }

    private void write(Map<String, AttributeValue> keys, String status, String reason, String taskId) {
        dynamo.updateItem(b -> b.tableName(table).key(keys)
                .updateExpression("SET SyncStatus = :s, SyncStatusReason = :r, LastExecId = :e")
                .conditionExpression("attribute_exists(PK)")
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status),
                        ":r", AttributeValue.fromS(reason), ":e", AttributeValue.fromS(taskId))));
    }

    /** The keys in {@code ["-u", "embedding/main.py", "{\"PK\": {\"S\": ...}, \"SK\": {\"S\": ...}}"]}, or null. */
    private Map<String, AttributeValue> keys(List<String> command) {
        if (command == null || command.size() != 3 || !"embedding/main.py".equals(command.get(1))) {
            return null;
        }
        try {
            JsonNode keys = json.readTree(command.get(2));
            String pk = keys.path("PK").path("S").asText(null);
            String sk = keys.path("SK").path("S").asText(null);
            if (pk == null || sk == null || pk.isEmpty() || sk.isEmpty()) {
                return null;
            }
            return Map.of("PK", AttributeValue.fromS(pk), "SK", AttributeValue.fromS(sk));
        } catch (Exception e) {
            return null;
        }
    }

    private static List<String> strings(Map<String, AttributeValue> bot, String list) {
        List<String> values = new ArrayList<>();
        AttributeValue knowledge = bot.get("Knowledge");
        if (knowledge == null || !knowledge.hasM()) {
            return values;
        }
        AttributeValue items = knowledge.m().get(list);
        if (items != null && items.hasL()) {
            items.l().stream().map(AttributeValue::s).filter(s -> s != null && !s.isBlank()).forEach(values::add);
        }
        return values;
    }
}
