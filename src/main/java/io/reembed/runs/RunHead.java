package io.reembed.runs;

import java.time.Instant;

/**
 * What a listing of runs says of each without reading it whole: its id, state, end, and how many
 * audit events it has ({@code null} for a run stored before that count was kept).
 */
public record RunHead(String id, RunState state, Instant finishedAt, Integer auditCount) {

    public boolean active() {
        return state.active();
    }

    /** Whether the run is known to have no audit event at or after {@code index}. */
    public boolean nothingFrom(int index) {
        return auditCount != null && index >= auditCount;
    }
}
