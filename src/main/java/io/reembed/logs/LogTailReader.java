package io.reembed.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

/**
 * CloudWatch Logs GetLogEvents on one task's stream: its end (newest first, a small limit), or the
 * lines after a forward token for a live tail. Every line is kept as text and bounded in length;
 * a tail is bounded in lines and bytes, the oldest dropped first. Callers pace the calls.
 */
@ApplicationScoped
public class LogTailReader {

    static final int MAX_LINE = 1000;

    /** Lines after a token, and the token to ask with next. */
    public record Page(List<LogLine> lines, String nextForwardToken) {
    }

    private final CloudWatchLogsClient logs;
    private final int tailLines;
    private final int tailBytes;

    public LogTailReader(CloudWatchLogsClient logs, ReembedConfig config) {
        this.logs = logs;
        this.tailLines = config.logs().tailLines();
        this.tailBytes = config.logs().tailBytes();
    }

    /** The last lines of the stream; throws ResourceNotFoundException while it does not exist. */
    public Page tail(LogLocation location) {
        GetLogEventsResponse response = logs.getLogEvents(b -> b.logGroupName(location.group())
                .logStreamName(location.stream()).startFromHead(false).limit(tailLines));
        return new Page(bounded(lines(response.events())), response.nextForwardToken());
    }

    /** Lines written after {@code token} (from the stream's end when null). */
    public Page after(LogLocation location, String token) {
        if (token == null) {
            return tail(location);
        }
        GetLogEventsResponse response = logs.getLogEvents(b -> b.logGroupName(location.group())
                .logStreamName(location.stream()).startFromHead(true).nextToken(token).limit(100));
        return new Page(lines(response.events()), response.nextForwardToken());
    }

    /** The newest lines that fit in tail-lines and tail-bytes. */
    public List<LogLine> bounded(List<LogLine> lines) {
        List<LogLine> kept = new ArrayList<>();
        int bytes = 0;
        for (int i = lines.size() - 1; i >= 0 && kept.size() < tailLines; i--) {
            int size = lines.get(i).text().getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > tailBytes && !kept.isEmpty()) {
                break;
            }
            bytes += size;
            kept.add(lines.get(i));
        }
        Collections.reverse(kept);
        return List.copyOf(kept);
    }

    private static List<LogLine> lines(List<OutputLogEvent> events) {
        List<LogLine> lines = new ArrayList<>();
        for (OutputLogEvent event : events) {
            String text = event.message() == null ? "" : event.message().stripTrailing();
            if (text.length() > MAX_LINE) {
                text = text.substring(0, MAX_LINE) + "…";
            }
            lines.add(new LogLine(event.timestamp() == null ? null : Instant.ofEpochMilli(event.timestamp()), text));
        }
        return lines;
    }
}
