package io.reembed.runs.engine;

/** What one StopTask call came to: sent, worth sending again later (throttled, 5xx, no answer), or refused. */
public sealed interface StopOutcome {

    record Sent() implements StopOutcome {
    }

    record Again(String message) implements StopOutcome {
    }

    record Refused(String message) implements StopOutcome {
    }
}
