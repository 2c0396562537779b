package io.reembed.runs.engine;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * An action asked of a copy that does not drive runs (cancel, pause, retry, a new run, …), stored
 * for the copy that does, which applies it within a cycle and writes its outcome back: {@code
 * outcome} is null until then; {@code "refusal"} and {@code "problem"} in it say why nothing was done.
 */
public record EngineRequest(String id, Instant at, String who, String action, String runId,
        Map<String, String> arguments, Map<String, String> outcome) {

    /** The action of a stored request that could not be read (a field missing or of another type). */
    public static final String MALFORMED = "malformed";

    /** A stored request that could not be read: it is removed, never applied. */
    public static EngineRequest malformed(String id, String problem) {
        return new EngineRequest(id, Instant.EPOCH, "?", MALFORMED, null, Map.of("problem", problem), null);
    }

    static EngineRequest of(Instant at, String who, String action, String runId, Map<String, String> arguments) {
        // Ids sort by time, so the holder applies requests in the order they were made.
        return new EngineRequest(at.toEpochMilli() + "-" + UUID.randomUUID(), at, who, action, runId,
                Map.copyOf(arguments), null);
    }

    EngineRequest done(Map<String, String> result) {
        return new EngineRequest(id, at, who, action, runId, arguments, Map.copyOf(result));
    }
}
