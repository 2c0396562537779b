package io.reembed.runs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A run's own record: who started it, with which ECS settings, and what was done to it since. */
public record Run(String id, Instant createdAt, String createdBy, EcsLaunchSettings ecs, RunState state,
        boolean cancelRequested, int total, List<AuditEvent> audit, Instant finishedAt) {

    public Run withAudit(AuditEvent event) {
        List<AuditEvent> events = new ArrayList<>(audit);
        events.add(event);
        return new Run(id, createdAt, createdBy, ecs, state, cancelRequested, total, List.copyOf(events), finishedAt);
    }

    public Run cancelling() {
        return new Run(id, createdAt, createdBy, ecs, state, true, total, audit, finishedAt);
    }

    public Run withState(RunState newState, Instant at) {
        return new Run(id, createdAt, createdBy, ecs, newState, cancelRequested, total, audit,
                newState == RunState.RUNNING ? null : at);
    }

    /** Running again after a retry, a cancel forgotten. */
    public Run reopened() {
        return new Run(id, createdAt, createdBy, ecs, RunState.RUNNING, false, total, audit, null);
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

    public boolean active() {
        return state == RunState.RUNNING;
    }
}
