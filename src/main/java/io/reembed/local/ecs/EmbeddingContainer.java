package io.reembed.local.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Plays Bedrock Chat's embedding container: reads the bot named by the command override,
 * marks it RUNNING with the task id, and at the end writes SUCCEEDED or FAILED, as the real
 * {@code embedding/main.py} does, and logs what it logs, in Python's default logging format. Only
 * the demo's ECS emulator uses it.
 */
final class EmbeddingContainer {

    /** The task's log stream, as the awslogs driver ships it. */
    @FunctionalInterface
    interface Log {
        void line(String message);
    }

    static final String SUCCESS_REASON = "Successfully inserted to vector store.";
    static final String NO_CONTENT_REASON = "No contents to embed.";
    static final String OOM_REASON = "OutOfMemoryError: Container killed due to memory usage";

    static final String START_FAILURE = "ResourceInitializationError: unable to pull secrets or registry auth: "
            + "execution resource retrieval failed: unable to retrieve ecr registry auth: service call has been retried "
            + "3 time(s): RequestError: send request failed caused by: Post \"https://api.ecr.us-east-1.amazonaws.com/\": "
            + "dial tcp 10.0.1.23:443: i/o timeout. Please check your task network configuration.";

    /**
     * How a container run ends; {@code syncStatus} null means the table is left as it is. With a
     * {@code startFailure} the container never ran: ECS stops the task with TaskFailedToStart.
     */
    record Outcome(double seconds, int exitCode, String syncStatus, String reason, String containerReason,
            List<String> lastLines, String startFailure) {

        Outcome(double seconds, int exitCode, String syncStatus, String reason, String containerReason) {
            this(seconds, exitCode, syncStatus, reason, containerReason, List.of());
        }

        Outcome(double seconds, int exitCode, String syncStatus, String reason, String containerReason,
                List<String> lastLines) {
            this(seconds, exitCode, syncStatus, reason, containerReason, lastLines, null);
        }

        static Outcome failedToStart(String why) {
            return new Outcome(0, 0, null, null, null, List.of(), why);
        }
    }

    /** The emulated container's own DynamoDB client (not the console's), made on first use. */
    private final java.util.function.Supplier<DynamoDbClient> client;
    private DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    /** Bots whose first task already failed to start: their next one starts. */
    private final Set<String> failedOnce = ConcurrentHashMap.newKeySet();

    EmbeddingContainer(java.util.function.Supplier<DynamoDbClient> client, String table, ObjectMapper json) {
        this.client = client;
        this.table = table;
        this.json = json;
    }

    /** After a reset, a flaky bot's next task fails to start again. */
    void forgetStarts() {
        failedOnce.clear();
    }

    /** Starts the container: decides how it will end and writes what the real task writes at its start. */
    Outcome start(String taskId, List<String> command, double failureRate, Random random, Log log) {
        Map<String, AttributeValue> keys = keys(command);
        if (keys == null) {
            traceback(log, "json.decoder.JSONDecodeError: Expecting value: line 1 column 1 (char 0)");
            return new Outcome(1, 1, null, null, null);
        }
        Map<String, AttributeValue> bot = dynamo().getItem(b -> b.tableName(table).key(keys).consistentRead(true)).item();
        if (bot == null || bot.isEmpty()) {
            traceback(log, "app.repositories.common.RecordNotFoundError: No bot found with PK " + keys.get("PK").s()
                    + " and SK " + keys.get("SK").s());
            return new Outcome(2, 1, null, null, null);
        }
        List<String> sources = strings(bot, "source_urls");
        List<String> sitemaps = strings(bot, "sitemap_urls");
        List<String> files = strings(bot, "filenames");
        if (sources.stream().anyMatch(url -> url.contains("flaky-start"))
                && failedOnce.add(keys.get("PK").s() + "\n" + keys.get("SK").s())) {
            // As when the task's network cannot reach ECR for a while: ECS stops it before the container runs.
            return Outcome.failedToStart(START_FAILURE);
        }
        write(keys, "RUNNING", "", taskId);
        log.line("INFO:__main__:source_urls to crawl: " + pythonList(sources));
        log.line("INFO:__main__:sitemap_urls to crawl: " + pythonList(sitemaps));
        log.line("INFO:__main__:filenames: " + pythonList(files));
        log.line("INFO:__main__:chunk_size: 1000");
        log.line("INFO:__main__:chunk_overlap: 200");
        log.line("INFO:__main__:enable_partition_pdf: False");
        List<String> urls = new ArrayList<>(sources);
        urls.addAll(sitemaps);
        double seconds = 8 + 1.5 * (urls.size() + files.size());
        int chunks = 40 * (urls.size() + files.size()) + random.nextInt(40);
        for (String url : urls) {
            if (url.contains("unsupported-sitemap")) {
                // The loader raises NotImplementedError, which has no message: the reason stays empty.
                return new Outcome(seconds, 0, "FAILED", "", null, List.of("ERROR:__main__:[ERROR] Failed to embed.",
                        "ERROR:__main__:", "Traceback (most recent call last):",
                        "  File \"/src/embedding/loaders/sitemap.py\", line 41, in lazy_load",
                        "    raise NotImplementedError", "NotImplementedError"));
            }
            if (url.contains("out-of-memory")) {
                // Killed while embedding: the stream ends here.
                log.line("INFO:__main__:Number of chunks: " + chunks);
                return new Outcome(seconds, 137, null, null, OOM_REASON);
            }
            if (url.contains("fail")) {
                String error = "Failed to load " + url + ": 404 Not Found";
                return new Outcome(seconds, 1, "FAILED", error, null,
                        List.of("ERROR:__main__:[ERROR] Failed to embed.", "ERROR:__main__:" + error));
            }
        }
        if (urls.isEmpty() && files.isEmpty()) {
            return new Outcome(3, 0, "SUCCEEDED", NO_CONTENT_REASON, null,
                    List.of("INFO:__main__:No contents to embed. Skipping."));
        }
        if (random.nextDouble() < failureRate) {
            // The script catches the error, records it, and exits normally.
            String error = "An error occurred (ThrottlingException) when calling the InvokeModel operation: Too many requests";
            return new Outcome(seconds, 0, "FAILED", error, null,
                    List.of("INFO:__main__:Number of chunks: " + chunks, "ERROR:__main__:[ERROR] Failed to embed.",
                            "ERROR:__main__:" + error));
        }
        return new Outcome(seconds, 0, "SUCCEEDED", SUCCESS_REASON, null, List.of("INFO:__main__:Number of chunks: "
                + chunks, "INFO:__main__:Successfully inserted " + chunks + " records."));
    }

    /** The container ends as planned: its last log lines, and the final SyncStatus if the script got to write one. */
    void finish(String taskId, List<String> command, Outcome outcome, Log log) {
        outcome.lastLines().forEach(log::line);
        Map<String, AttributeValue> keys = keys(command);
        if (keys != null && outcome.syncStatus() != null) {
            write(keys, outcome.syncStatus(), outcome.reason(), taskId);
        }
    }

    private static void traceback(Log log, String error) {
        log.line("Traceback (most recent call last):");
        log.line("  File \"/src/embedding/main.py\", line 198, in <module>");
        log.line("    main(args.Keys)");
        log.line(error);
    }

    /** As Python prints a list of strings: ['a', 'b']. */
    private static String pythonList(List<String> values) {
        return "[" + String.join(", ", values.stream().map(v -> "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'")
                .toList()) + "]";
    }

    private void write(Map<String, AttributeValue> keys, String status, String reason, String taskId) {
        dynamo().updateItem(b -> b.tableName(table).key(keys)
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

    private synchronized DynamoDbClient dynamo() {
        if (dynamo == null) {
            dynamo = client.get();
        }
        return dynamo;
    }
}
