package io.reembed.local.notify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What the demo's EventBridge, SNS and webhook receiver were given, newest last, for
 * /local/notifications and the tests; and the faults they are told to answer with next.
 */
@ApplicationScoped
public class LocalNotifications {

    private static final int KEPT = 1_000;

    /** One event or message as its channel received it; {@code eventId} is the console's event id. */
    public record Received(String channel, Instant at, String eventId, String title, String body) {
    }

    private final Deque<Received> received = new ArrayDeque<>();
    private final Map<String, Deque<Integer>> faults = new HashMap<>();
    private final Map<String, Set<String>> seen = new HashMap<>();

    /** Kept; false when the channel already had this event id (kept all the same: a test sees the repeat). */
    public synchronized boolean keep(Received message) {
        if (received.size() >= KEPT) {
            received.removeFirst();
        }
        received.addLast(message);
        return message.eventId() == null
                || seen.computeIfAbsent(message.channel(), channel -> new HashSet<>()).add(message.eventId());
    }

    public synchronized List<Received> received() {
        return new ArrayList<>(received);
    }

    public synchronized List<Received> received(String channel) {
        return received.stream().filter(message -> message.channel().equals(channel)).toList();
    }

    /** The channel's next calls fail with these HTTP statuses, in order (429 or 400: throttled; 5xx: broken). */
    public synchronized void failNext(String channel, int... statuses) {
        Deque<Integer> queue = faults.computeIfAbsent(channel, key -> new ArrayDeque<>());
        for (int status : statuses) {
            queue.addLast(status);
        }
    }

    /** The fault to answer the channel's call with now, if one is queued. */
    public synchronized OptionalInt fault(String channel) {
        Deque<Integer> queue = faults.get(channel);
        return queue == null || queue.isEmpty() ? OptionalInt.empty() : OptionalInt.of(queue.removeFirst());
    }
}
