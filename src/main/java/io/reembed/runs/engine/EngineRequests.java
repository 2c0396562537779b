package io.reembed.runs.engine;

import java.util.Map;

/** How the copy that drives runs applies another copy's request, and the outcomes that say nothing was done. */
final class EngineRequests {

    /** The outcome of a request the driving copy cannot read (another version's command, or a damaged item). */
    static final String UNKNOWN = "unknown";
    /** The outcome of a request whose arguments are out of range: nothing was applied. */
    static final String REFUSED = "refused";

    private EngineRequests() {
    }

    /** Applies one request; the outcome says what came of it, or why nothing did. */
    static Map<String, String> apply(RunCoordinator engine, EngineRequest request) {
        if (request.command() == null) {
            return Map.of(UNKNOWN, "This copy cannot read the request (" + request.problem()
                    + "); the copies may run different versions");
        }
        try {
            return applied(request.command(), engine, request.who());
        } catch (StaleStateException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            return Map.of(REFUSED, "Refused: " + e.getMessage() + "; nothing was changed.");
        } catch (RuntimeException e) {
            // Answered all the same, so that it neither blocks the requests after it nor is applied again.
            return Map.of(REFUSED, "Failed on the copy that drives runs: " + e.getMessage()
                    + "; what was applied before the failure stands, see the run's audit trail.");
        }
    }

    private static <R> Map<String, String> applied(EngineCommand<R> command, RunCoordinator engine, String who) {
        return command.outcome(command.applyTo(engine, who));
    }
}
