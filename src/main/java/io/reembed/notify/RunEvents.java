package io.reembed.notify;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.reembed.runs.AuditEvent;
import io.reembed.runs.Run;

/**
 * The events of a run, read from its audit trail: the trail is written in one transaction with each
 * change it records, so it is the outbox, and an event is never lost between a change and its notice.
 */
public final class RunEvents {

    private RunEvents() {
    }

    /** The run's events, in the order of its trail; entries of the trail that no one acts on are left out. */
    public static List<RunEvent> of(Run run, String stack, Optional<URI> consoleUrl) {
        List<RunEvent> events = new ArrayList<>();
        List<AuditEvent> trail = run.audit();
        for (int index = 0; index < trail.size(); index++) {
            at(run, index, stack, consoleUrl).ifPresent(events::add);
        }
        return events;
    }

    /** The event the trail's entry {@code index} makes, if it makes one. */
    public static Optional<RunEvent> at(Run run, int index, String stack, Optional<URI> consoleUrl) {
        List<AuditEvent> trail = run.audit();
        AuditEvent entry = trail.get(index);
        String type = type(entry);
        if (type == null) {
            return Optional.empty();
        }
        boolean ended = type.equals("finished") || type.equals("cancelled");
        String who = switch (type) {
            case "finished" -> null;
            case "cancelled" -> cancelledBy(trail, index);
            default -> entry.who();
        };
        // The tally is the run's as stored at its end: only while that end is the trail's last one.
        boolean lastEnd = ended && !run.active() && trail.subList(index + 1, trail.size()).stream()
                .noneMatch(later -> later.action().equals("ended"));
        String url = consoleUrl.map(base -> base.toString().replaceAll("/+$", "") + "/runs/" + run.id()).orElse(null);
        return Optional.of(new RunEvent(run.id() + "." + index, type, run.id(), index, entry.at(), who,
                ended ? null : entry.detail(), ended ? entry.detail() : null, lastEnd ? run.tally() : null, run.total(),
                run.ecs() == null ? null : run.ecs().account(), run.ecs() == null ? null : run.ecs().region(), stack, url));
    }

    private static String type(AuditEvent entry) {
        return switch (entry.action()) {
            case "started" -> "started";
            case "paused" -> "failure brake".equals(entry.who()) ? "braked"
                    : "spending cap".equals(entry.who()) ? "capped" : "paused";
            case "resumed" -> "resumed";
            case "no progress" -> "stalled";
            // The trail's end entry starts with the run's outcome in words: "finished, …" or "cancelled, …".
            case "ended" -> entry.detail().startsWith("cancelled") ? "cancelled" : "finished";
            default -> null;
        };
    }

    private static String cancelledBy(List<AuditEvent> trail, int end) {
        for (int i = end - 1; i >= 0; i--) {
            if (trail.get(i).action().equals("cancelled")) {
                return trail.get(i).who();
            }
        }
        return null;
    }
}
