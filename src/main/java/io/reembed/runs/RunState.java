package io.reembed.runs;

public enum RunState {
    RUNNING, PAUSED, FINISHED, CANCELLED;

    /** Not ended: running, or paused and waiting to go on. */
    public boolean active() {
        return this == RUNNING || this == PAUSED;
    }
}
