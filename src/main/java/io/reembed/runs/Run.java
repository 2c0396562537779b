package io.reembed.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import io.reembed.deployment.EcsLaunchSettings;

/**
 * A run's own record: who started it, what they chose (the selection in words), with which ECS
 * settings, what was done to it since, and how its bots stand (stored when it ends, live while it
 * runs).
 */
public record Run(String id, Instant createdAt, String createdBy, EcsLaunchSettings ecs, RunState state,
        boolean cancelRequested, int total, List<AuditEvent> audit, Instant finishedAt, String selection,
        RunTally tally, Steering steering) {

    public Run withAudit(AuditEvent event) {
        List<AuditEvent> events = new ArrayList<>(audit);
        events.add(event);
        return new Run(id, createdAt, createdBy, ecs, state, cancelRequested, total, List.copyOf(events), finishedAt,
                selection, tally, steering);
    }

    public Run cancelling() {
        return new Run(id, createdAt, createdBy, ecs, state, true, total, audit, finishedAt, selection, tally, steering);
    }

    public Run withState(RunState newState, Instant at) {
        return new Run(id, createdAt, createdBy, ecs, newState, cancelRequested, total, audit,
                newState.active() ? null : at, selection, tally, steering);
    }

    public Run withTally(RunTally now) {
        return new Run(id, createdAt, createdBy, ecs, state, cancelRequested, total, audit, finishedAt, selection, now,
                steering);
    }

    /** Running again after a retry, a cancel forgotten. */
    public Run reopened() {
        return new Run(id, createdAt, createdBy, ecs, RunState.RUNNING, false, total, audit, null, selection, tally,
                steering.resumed());
    }

    /** The run in words: "finished, 4 failed", "cancelled", "running". */
    public String outcome() {
        return tally.outcome(this);
    }

    /**
     * Its working time: from start to end (or to {@code now} while it runs), less the time it stood
     * paused and the time between an end and a retry that opened it again.
     */
    public Duration duration(Instant now) {
        Instant end = finishedAt != null ? finishedAt : now;
        return Duration.between(createdAt, end).minus(pausedFor(end)).minus(stood(end, Set.of("ended"), Set.of("retried")));
    }

    /**
     * How long it stood paused up to {@code end}, from its audit trail: from each pause (by a person or
     * the failure brake) to the resume or retry that went on with it, or to {@code end}.
     */
    public Duration pausedFor(Instant end) {
        return stood(end, Set.of("paused"), Set.of("resumed", "retried"));
    }

    /** The time from each trail entry that stops the run's work to the entry that goes on with it, up to {@code end}. */
    private Duration stood(Instant end, Set<String> stops, Set<String> goesOn) {
        Duration stood = Duration.ZERO;
        Instant since = null;
        for (AuditEvent event : audit) {
            Instant at = event.at().isAfter(end) ? end : event.at();
            if (stops.contains(event.action())) {
                since = since == null ? at : since;
            } else if (since != null && goesOn.contains(event.action())) {
                stood = stood.plus(Duration.between(since, at));
                since = null;
            }
        }
        return since == null ? stood : stood.plus(Duration.between(since, end));
    }

    /** Why this run's tasks are stopped: it was cancelled, by whom the audit trail says. */
    public String cancelReason() {
        String who = null;
        for (AuditEvent event : audit) {
            if ("cancelled".equals(event.action())) {
                who = event.who();
            }
        }
        return "the run was cancelled" + (who == null ? "" : " by " + who);
    }

    public Run withSteering(Steering changed) {
        return new Run(id, createdAt, createdBy, ecs, state, cancelRequested, total, audit, finishedAt, selection, tally,
                changed);
    }

    /** Launches nothing more until resumed; tasks in flight go on and are tracked. */
    public Run paused(Steering changed) {
        return new Run(id, createdAt, createdBy, ecs, RunState.PAUSED, cancelRequested, total, audit, null, selection,
                tally, changed);
    }

    public Run resumed() {
        return new Run(id, createdAt, createdBy, ecs, RunState.RUNNING, cancelRequested, total, audit, null, selection,
                tally, steering.resumed());
    }

    public boolean paused() {
        return state == RunState.PAUSED;
    }

    /** Running or paused: the engine works on it (a paused run's tasks in flight are tracked). */
    public boolean active() {
        return state.active();
    }
}
