package io.reembed.runs.engine;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A command asked of a copy that does not drive runs, stored for the copy that does, which applies it
 * within a cycle and writes its outcome back: {@code outcome} is null until then; {@code "refused"} and
 * {@code "unknown"} in it say why nothing was done. A stored request that cannot be read has no command,
 * only the {@code problem} with it.
 */
public record EngineRequest(String id, Instant at, String who, EngineCommand<?> command, Map<String, String> outcome,
        String problem) {

    /** A stored request that could not be read: answered as unknown, never applied. */
    public static EngineRequest malformed(String id, String problem) {
        return new EngineRequest(id, Instant.EPOCH, "?", null, null, problem);
    }

    static EngineRequest of(Instant at, String who, EngineCommand<?> command) {
        // Ids sort by time, so the holder applies requests in the order they were made.
        return new EngineRequest(at.toEpochMilli() + "-" + UUID.randomUUID(), at, who, command, null, null);
    }

    /** "pause of run r-…", for the log. */
    String described() {
        String action = command == null ? "an unreadable request" : command.getClass().getSimpleName();
        return command == null || command.runId() == null ? action : action + " of run " + command.runId();
    }
}
