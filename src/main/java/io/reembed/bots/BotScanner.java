package io.reembed.bots;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig.Catalog.Source;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/**
 * Reads every bot of a conversation table. The sparse index holds bots and aliases only, so
 * reading it never touches the (far more numerous, far larger) conversation items.
 */
@ApplicationScoped
public class BotScanner {

    private final DynamoDbClient dynamo;

    public BotScanner(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    public record Result(List<Bot> bots, String source, String note, int pages, int itemsRead) {
    }

    public Result read(String table, String index, Source source) {
        return read(table, index, source, 1);
    }

    /** Reads with {@code segments} parallel scan segments (DynamoDB's parallel scan), each following all its pages. */
    public Result read(String table, String index, Source source, int segments) {
        if (source == Source.INDEX) {
            try {
                return scan(table, index, "index " + index, null, segments);
            } catch (DynamoDbException e) {
                if (!isMissingIndex(e)) {
                    throw e;
                }
                return scan(table, null, "table scan",
                        "The table has no index " + index + ": the whole table was scanned instead, conversations included.",
                        segments);
            }
        }
        return scan(table, null, "table scan", null, segments);
    }

    private Result scan(String table, String index, String sourceLabel, String note, int segments) {
        if (segments <= 1) {
            return scanSegment(table, index, sourceLabel, note, null, null);
        }
        List<Result> parts = IntStream.range(0, segments).parallel()
                .mapToObj(segment -> scanSegment(table, index, sourceLabel, note, segment, segments)).toList();
        List<Bot> bots = new ArrayList<>();
        int pages = 0;
        int itemsRead = 0;
        for (Result part : parts) {
            bots.addAll(part.bots());
            pages += part.pages();
            itemsRead += part.itemsRead();
        }
        return new Result(List.copyOf(bots), sourceLabel, note, pages, itemsRead);
    }

    private Result scanSegment(String table, String index, String sourceLabel, String note, Integer segment,
            Integer totalSegments) {
        Map<String, String> names = new HashMap<>();
        List<String> projection = new ArrayList<>();
        for (String attribute : BotItemParser.PROJECTED) {
            names.put("#" + attribute, attribute);
            projection.add("#" + attribute);
        }
        ScanRequest request = ScanRequest.builder()
                .tableName(table)
                .indexName(index)
                .filterExpression("contains(#SK, :bot)")
                .projectionExpression(String.join(", ", projection))
                .expressionAttributeNames(names)
                .expressionAttributeValues(Map.of(":bot", AttributeValue.fromS(BotKey.BOT_MARKER)))
                .segment(segment)
                .totalSegments(totalSegments)
                .build();
        List<Bot> bots = new ArrayList<>();
        int pages = 0;
        int itemsRead = 0;
        for (ScanResponse page : dynamo.scanPaginator(request)) {
            pages++;
            itemsRead += page.scannedCount();
            for (Map<String, AttributeValue> item : page.items()) {
                Bot bot = BotItemParser.parse(item);
                if (bot != null) {
                    bots.add(bot);
                }
            }
        }
        return new Result(List.copyOf(bots), sourceLabel, note, pages, itemsRead);
    }

    private static boolean isMissingIndex(DynamoDbException e) {
        String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
        return e.statusCode() == 400 && message != null && message.contains("specified index");
    }
}
