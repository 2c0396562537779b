package io.reembed.local.logs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.config.ReembedConfig;
import io.reembed.local.EcsApiException;
import io.reembed.local.TokenBucket;

/**
 * CloudWatch Logs as the demo's tasks write to it: log groups of streams of events, each readable
 * only once its ingestion delay has passed. Answers GetLogEvents (with forward and backward
 * tokens), FilterLogEvents and DescribeLogStreams, reads throttled by one bucket as the account's
 * quota does.
 */
@ApplicationScoped
public class LogsEmulator {

    private record Event(Instant at, Instant visibleAt, String message) {
    }

    private final Object lock = new Object();
    private final Map<String, Map<String, List<Event>>> groups = new LinkedHashMap<>();
    private final Clock clock;
    private final ObjectMapper json;
    private TokenBucket reads;

    public LogsEmulator(ReembedConfig config, Clock clock, ObjectMapper json) {
        this.clock = clock;
        this.json = json;
        readRate(config.ecsEmulator().logsReadRate());
    }

    /** Reads per second (bucket size and refill); beyond, ThrottlingException. For tests. */
    public void readRate(int perSecond) {
        synchronized (lock) {
            reads = new TokenBucket(perSecond, perSecond, System.nanoTime());
        }
    }

    /** A container writes a line; the stream appears with its first line, as the awslogs driver creates it. */
    public void append(String group, String stream, Instant at, Instant visibleAt, String message) {
        synchronized (lock) {
            groups.computeIfAbsent(group, g -> new LinkedHashMap<>()).computeIfAbsent(stream, s -> new ArrayList<>())
                    .add(new Event(at, visibleAt, message));
        }
    }

    public ObjectNode handle(String operation, JsonNode request) {
        synchronized (lock) {
            if (!reads.tryTake(System.nanoTime())) {
                throw new EcsApiException("ThrottlingException", "Rate exceeded");
            }
            return switch (operation) {
                case "GetLogEvents" -> getLogEvents(request);
                case "FilterLogEvents" -> filterLogEvents(request);
                case "DescribeLogStreams" -> describeLogStreams(request);
                default -> throw new EcsApiException("UnknownOperationException", "This emulator does not answer "
                        + operation + ".");
            };
        }
    }

    private ObjectNode getLogEvents(JsonNode request) {
        List<Event> stream = group(request).get(request.path("logStreamName").asText(""));
        if (stream == null) {
            throw notFound("The specified log stream does not exist.");
        }
        List<Event> events = visible(stream);
        int limit = limit(request);
        String token = request.path("nextToken").asText(null);
        int from;
        int to;
        if (token != null && token.startsWith("f/")) {
            from = Math.min(index(token), events.size());
            to = Math.min(events.size(), from + limit);
        } else if (token != null && token.startsWith("b/")) {
            to = Math.min(index(token), events.size());
            from = Math.max(0, to - limit);
        } else if (request.path("startFromHead").asBoolean(false)) {
            from = 0;
            to = Math.min(events.size(), limit);
        } else {
            to = events.size();
            from = Math.max(0, to - limit);
        }
        ObjectNode response = json.createObjectNode();
        ArrayNode out = response.putArray("events");
        for (Event event : events.subList(from, to)) {
            out.addObject().put("timestamp", event.at().toEpochMilli()).put("message", event.message())
                    .put("ingestionTime", event.visibleAt().toEpochMilli());
        }
        response.put("nextForwardToken", "f/" + to);
        response.put("nextBackwardToken", "b/" + from);
        return response;
    }

    private ObjectNode filterLogEvents(JsonNode request) {
        Map<String, List<Event>> streams = group(request);
        List<String> names = new ArrayList<>();
        request.path("logStreamNames").forEach(name -> names.add(name.asText()));
        String pattern = request.path("filterPattern").asText("").replace("\"", "").trim();
        int limit = limit(request);
        ObjectNode response = json.createObjectNode();
        ArrayNode out = response.putArray("events");
        int id = 0;
        for (Map.Entry<String, List<Event>> stream : streams.entrySet()) {
            if (!names.isEmpty() && !names.contains(stream.getKey())) {
                continue;
            }
            for (Event event : visible(stream.getValue())) {
                id++;
                if (out.size() < limit && (pattern.isEmpty() || event.message().contains(pattern))) {
                    out.addObject().put("logStreamName", stream.getKey()).put("timestamp", event.at().toEpochMilli())
                            .put("message", event.message()).put("ingestionTime", event.visibleAt().toEpochMilli())
                            .put("eventId", String.format("%056d", id));
                }
            }
        }
        return response;
    }

    private ObjectNode describeLogStreams(JsonNode request) {
        String group = request.path("logGroupName").asText("");
        Map<String, List<Event>> streams = group(request);
        String prefix = request.path("logStreamNamePrefix").asText("");
        ObjectNode response = json.createObjectNode();
        ArrayNode out = response.putArray("logStreams");
        streams.forEach((name, events) -> {
            if (name.startsWith(prefix) && out.size() < limit(request)) {
                ObjectNode stream = out.addObject().put("logStreamName", name)
                        .put("creationTime", events.get(0).at().toEpochMilli())
                        .put("arn", "arn:aws:logs:us-east-1:123456789012:log-group:" + group + ":log-stream:" + name);
                List<Event> visible = visible(events);
                if (!visible.isEmpty()) {
                    stream.put("firstEventTimestamp", visible.get(0).at().toEpochMilli())
                            .put("lastEventTimestamp", visible.get(visible.size() - 1).at().toEpochMilli())
                            .put("lastIngestionTime", visible.get(visible.size() - 1).visibleAt().toEpochMilli());
                }
            }
        });
        return response;
    }

    /** The streams of the request's logGroupName, or ResourceNotFoundException. */
    private Map<String, List<Event>> group(JsonNode request) {
        Map<String, List<Event>> streams = groups.get(request.path("logGroupName").asText(""));
        if (streams == null) {
            throw notFound("The specified log group does not exist.");
        }
        return streams;
    }

    private List<Event> visible(List<Event> events) {
        Instant now = clock.instant();
        return events.stream().filter(event -> !event.visibleAt().isAfter(now)).toList();
    }

    private static int limit(JsonNode request) {
        int limit = request.path("limit").asInt(10_000);
        if (limit < 1 || limit > 10_000) {
            throw new EcsApiException("InvalidParameterException", "limit must be between 1 and 10000.");
        }
        return limit;
    }

    private static int index(String token) {
        try {
            return Math.max(0, Integer.parseInt(token.substring(2)));
        } catch (NumberFormatException e) {
            throw new EcsApiException("InvalidParameterException", "The specified nextToken is invalid.");
        }
    }

    private static EcsApiException notFound(String message) {
        return new EcsApiException("ResourceNotFoundException", message);
    }
}
