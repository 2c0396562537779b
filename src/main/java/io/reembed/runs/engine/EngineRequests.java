package io.reembed.runs.engine;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.reembed.bots.BotKey;
import io.reembed.bots.BotRef;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;

/**
 * The commands a copy that does not drive runs stores as requests, and how the copy that does
 * applies each one to its coordinator, writing back what came of it.
 */
final class EngineRequests {

    static final String ADOPT = "adopt";
    static final String CANCEL = "cancel";
    static final String PAUSE = "pause";
    static final String RESUME = "resume";
    static final String MAX_IN_FLIGHT = "maxInFlight";
    static final String RETRY = "retry";
    static final String LIMITS = "limits";
    static final String CONFIGURED_LIMITS = "configuredLimits";
    /** The outcome of a request the driving copy does not know. */
    static final String UNKNOWN = "unknown";
    /** The outcome of a request whose arguments are out of range or unreadable: nothing was applied. */
    static final String REFUSED = "refused";

    private EngineRequests() {
    }

    static Map<String, String> retryArguments(Set<BotKey> only, FailureKind kind) {
        Map<String, String> arguments = new HashMap<>();
        if (!only.isEmpty()) {
            arguments.put("bots", String.join(" ", only.stream().map(BotRef::of).toList()));
        }
        if (kind != null) {
            arguments.put("kind", kind.name());
        }
        return arguments;
    }

    static Map<String, String> limitArguments(Double runTaskRate, Integer maxInFlight) {
        Map<String, String> arguments = new HashMap<>();
        if (runTaskRate != null) {
            arguments.put("runTaskRate", runTaskRate.toString());
        }
        if (maxInFlight != null) {
            arguments.put("maxInFlight", maxInFlight.toString());
        }
        return arguments;
    }

    /** Applies one request on the copy that drives runs; the outcome says whether the run was active, or why not. */
    static Map<String, String> apply(RunCoordinator engine, EngineRequest request) {
        try {
            return applyChecked(engine, request);
        } catch (StaleStateException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            // Forged or corrupted arguments (NumberFormatException among them): refused, never retried.
            return Map.of(REFUSED, "Refused: " + e.getMessage() + "; nothing was changed.");
        } catch (RuntimeException e) {
            // Answered all the same, so that it neither blocks the requests after it nor is applied again.
            return Map.of(REFUSED, "Failed on the copy that drives runs: " + e.getMessage()
                    + "; what was applied before the failure stands, see the run's audit trail.");
        }
    }

    private static Map<String, String> applyChecked(RunCoordinator engine, EngineRequest request) {
        String runId = request.runId();
        String who = request.who();
        Map<String, String> args = request.arguments();
        return switch (request.action()) {
            case ADOPT -> {
                engine.adopt(runId);
                yield Map.of("done", "true");
            }
            case CANCEL -> active(engine.cancel(runId, who));
            case PAUSE -> active(engine.pause(runId, who));
            case RESUME -> active(engine.resume(runId, who));
            case MAX_IN_FLIGHT -> {
                Integer tasks = args.containsKey("tasks") ? Integer.valueOf(args.get("tasks")) : null;
                inRange(null, tasks);
                yield active(engine.maxInFlight(runId, tasks, who));
            }
            case RETRY -> retried(engine.retry(runId, keys(args.get("bots")),
                    args.containsKey("kind") ? FailureKind.valueOf(args.get("kind")) : null, who));
            case LIMITS -> {
                Double rate = args.containsKey("runTaskRate") ? Double.valueOf(args.get("runTaskRate")) : null;
                Integer inFlight = args.containsKey("maxInFlight") ? Integer.valueOf(args.get("maxInFlight")) : null;
                if (rate == null && inFlight == null) {
                    throw new IllegalArgumentException("a limits request without runTaskRate or maxInFlight");
                }
                inRange(rate, inFlight);
                engine.changeLimits(rate, inFlight, who);
                yield Map.of("done", "true");
            }
            case CONFIGURED_LIMITS -> {
                engine.configuredLimits(who);
                yield Map.of("done", "true");
            }
            // A newer copy's request this one does not know: answered, so that its copy stops waiting.
            default -> Map.of(UNKNOWN, "This copy cannot apply the request " + request.action()
                    + "; the copies run different versions");
        };
    }

    private static void inRange(Double runTaskRate, Integer maxInFlight) {
        EngineLimits.problem(runTaskRate, maxInFlight).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    private static Map<String, String> active(Optional<Run> run) {
        return Map.of("active", Boolean.toString(run.isPresent()));
    }

    private static Map<String, String> retried(Optional<RunCoordinator.RetryResult> result) {
        if (result.isEmpty()) {
            return Map.of("found", "false");
        }
        Map<String, String> outcome = new HashMap<>();
        outcome.put("found", "true");
        outcome.put("queued", Integer.toString(result.get().queued()));
        if (result.get().refusal() != null) {
            outcome.put("refusal", result.get().refusal().name());
            outcome.put("problem", result.get().problem());
        }
        return outcome;
    }

    static Set<BotKey> keys(String refs) {
        Set<BotKey> keys = new LinkedHashSet<>();
        if (refs != null && !refs.isBlank()) {
            for (String ref : List.of(refs.split(" "))) {
                BotRef.parse(ref).ifPresent(keys::add);
            }
        }
        return keys;
    }
}
