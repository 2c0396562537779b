package io.reembed.runs;

public enum RunState {
    RUNNING, FINISHED, CANCELLED
}
