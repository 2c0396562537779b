package io.reembed.runs;

import java.time.Instant;

/** What a listing of runs says of each without reading it whole: its id, state and end. */
public record RunHead(String id, RunState state, Instant finishedAt) {

    public boolean active() {
        return state.active();
    }
}
