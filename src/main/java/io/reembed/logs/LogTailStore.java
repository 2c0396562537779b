package io.reembed.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.bots.BotKey;
import io.reembed.bots.BotRef;
import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Log tails, kept for good in the console's runs table (partition {@code LOG#<run>}, one item per
 * bot and attempt), and the tails of the runs looked at lately in memory, so that pages that
 * refresh every second read DynamoDB once per run, not once per refresh.
 */
@ApplicationScoped
public class LogTailStore {

    private static final int RUNS_IN_MEMORY = 20;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Map<String, Map<BotKey, List<LogTail>>> recent = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Map<BotKey, List<LogTail>>> eldest) {
            return size() > RUNS_IN_MEMORY;
        }
    };

    public LogTailStore(DynamoDbClient dynamo, ReembedConfig config) {
        this.dynamo = dynamo;
        this.table = config.runs().tableName();
    }

    public void save(String runId, BotKey bot, LogTail tail) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS(partition(runId)));
        item.put("SK", AttributeValue.fromS(BotRef.of(bot) + "#" + String.format("%04d", tail.attempt())));
        item.put("pk", AttributeValue.fromS(bot.pk()));
        item.put("sk", AttributeValue.fromS(bot.sk()));
        item.put("attempt", AttributeValue.fromN(Integer.toString(tail.attempt())));
        put(item, "taskId", tail.taskId());
        put(item, "group", tail.group());
        put(item, "stream", tail.stream());
        put(item, "note", tail.note());
        put(item, "stopCode", tail.stopCode());
        put(item, "stoppedReason", tail.stoppedReason());
        if (tail.exitCode() != null) {
            item.put("exitCode", AttributeValue.fromN(tail.exitCode().toString()));
        }
        put(item, "readAt", tail.readAt() == null ? null : tail.readAt().toString());
        List<AttributeValue> lines = new ArrayList<>();
        for (LogLine line : tail.lines()) {
            Map<String, AttributeValue> m = new HashMap<>();
            m.put("text", AttributeValue.fromS(line.text()));
            if (line.at() != null) {
                m.put("at", AttributeValue.fromN(Long.toString(line.at().toEpochMilli())));
            }
            lines.add(AttributeValue.fromM(m));
        }
        item.put("lines", AttributeValue.fromL(lines));
        dynamo.putItem(b -> b.tableName(table).item(item));
        synchronized (recent) {
            Map<BotKey, List<LogTail>> run = recent.get(runId);
            if (run != null) {
                List<LogTail> tails = new ArrayList<>(run.getOrDefault(bot, List.of()));
                tails.removeIf(t -> t.attempt() == tail.attempt());
                tails.add(tail);
                tails.sort(Comparator.comparingInt(LogTail::attempt));
                run.put(bot, List.copyOf(tails));
            }
        }
    }

    /** Every attempt's tail of every bot of the run that has one. */
    public Map<BotKey, List<LogTail>> ofRun(String runId) {
        synchronized (recent) {
            Map<BotKey, List<LogTail>> cached = recent.get(runId);
            if (cached != null) {
                return Map.copyOf(cached);
            }
        }
        Map<BotKey, List<LogTail>> loaded = new HashMap<>();
        dynamo.queryPaginator(b -> b.tableName(table).keyConditionExpression("PK = :p").consistentRead(true)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition(runId))))).items()
                .forEach(item -> loaded.computeIfAbsent(new BotKey(item.get("pk").s(), item.get("sk").s()),
                        k -> new ArrayList<>()).add(tail(item)));
        loaded.replaceAll((key, tails) -> tails.stream().sorted(Comparator.comparingInt(LogTail::attempt)).toList());
        synchronized (recent) {
            recent.put(runId, new HashMap<>(loaded));
        }
        return Map.copyOf(loaded);
    }

    /** Drops the run's tails from memory: the next look reads the table. */
    void forget(String runId) {
        synchronized (recent) {
            recent.remove(runId);
        }
    }

    /** The tail of one attempt, if it was read. */
    public Optional<LogTail> of(String runId, BotKey bot, int attempt) {
        return LogTail.of(ofRun(runId), bot, attempt);
    }

    private static String partition(String runId) {
        return "LOG#" + runId;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, AttributeValue.fromS(value));
        }
    }

    private static LogTail tail(Map<String, AttributeValue> item) {
        List<LogLine> lines = new ArrayList<>();
        AttributeValue stored = item.get("lines");
        if (stored != null && stored.hasL()) {
            for (AttributeValue value : stored.l()) {
                Map<String, AttributeValue> m = value.m();
                lines.add(new LogLine(m.containsKey("at") ? Instant.ofEpochMilli(Long.parseLong(m.get("at").n())) : null,
                        m.get("text").s()));
            }
        }
        return new LogTail(Integer.parseInt(item.get("attempt").n()), str(item, "taskId"), str(item, "group"),
                str(item, "stream"), List.copyOf(lines), str(item, "note"), str(item, "stopCode"),
                str(item, "stoppedReason"), item.containsKey("exitCode") ? Integer.valueOf(item.get("exitCode").n()) : null,
                str(item, "readAt") == null ? null : Instant.parse(str(item, "readAt")));
    }

    private static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
