package io.reembed.runs;

public enum RunState {
    RUNNING, PAUSED, FINISHED, CANCELLED
}
