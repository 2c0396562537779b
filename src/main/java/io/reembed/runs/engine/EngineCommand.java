package io.reembed.runs.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.reembed.bots.BotKey;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.SpendingCap;

/**
 * Everything a person (or another copy) can ask of the engine once a run exists. The copy that drives
 * runs applies a command with {@link #applyTo}; a standby copy stores the same record (as JSON, its
 * {@code action} naming the type) in a request, and the driving copy applies it with the same method,
 * writes back its {@link #outcome}, from which the standby {@link #answer answers}. A new command is
 * one record here and one line in {@link JsonSubTypes}.
 *
 * @param <R> what the command answers with
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
        @JsonSubTypes.Type(value = EngineCommand.Cancel.class, name = "cancel"),
        @JsonSubTypes.Type(value = EngineCommand.Pause.class, name = "pause"),
        @JsonSubTypes.Type(value = EngineCommand.Resume.class, name = "resume"),
        @JsonSubTypes.Type(value = EngineCommand.MaxInFlight.class, name = "maxInFlight"),
        @JsonSubTypes.Type(value = EngineCommand.Cap.class, name = "cap"),
        @JsonSubTypes.Type(value = EngineCommand.Retry.class, name = "retry"),
        @JsonSubTypes.Type(value = EngineCommand.Limits.class, name = "limits"),
        @JsonSubTypes.Type(value = EngineCommand.ConfiguredLimits.class, name = "configuredLimits"),
        @JsonSubTypes.Type(value = EngineCommand.Adopt.class, name = "adopt") })
public sealed interface EngineCommand<R> {

    /** Applies the command on the copy that drives runs, on its engine thread. */
    R applyTo(RunCoordinator engine, String who);

    /** What the driving copy writes back into a standby's request. */
    Map<String, String> outcome(R result);

    /** What the standby copy answers, from the outcome written back and the state stored since. */
    R answer(Map<String, String> outcome, RunRepository store, EngineLimits configured);

    /** The run the command is about; none for the limits over all runs. */
    default String runId() {
        return null;
    }

    /** Whether the copy that stored it waits for its outcome; an adoption is only handed over. */
    default boolean answered() {
        return true;
    }

    /** Commands on one run that answer with the run, or with nothing when it is not active. */
    sealed interface OnRun extends EngineCommand<Optional<Run>> {

        @Override
        default Map<String, String> outcome(Optional<Run> run) {
            return Map.of("active", Boolean.toString(run.isPresent()));
        }

        @Override
        default Optional<Run> answer(Map<String, String> outcome, RunRepository store, EngineLimits configured) {
            return Boolean.parseBoolean(outcome.get("active")) ? store.findRun(runId()) : Optional.empty();
        }
    }

    /** Commands on the limits over all runs, which answer with the limits now in force. */
    sealed interface OnLimits extends EngineCommand<EngineLimits> {

        @Override
        default Map<String, String> outcome(EngineLimits limits) {
            return Map.of("done", "true");
        }

        @Override
        default EngineLimits answer(Map<String, String> outcome, RunRepository store, EngineLimits configured) {
            return store.loadLimits().orElse(configured);
        }
    }

    /** Records the cancel and answers at once; the tasks in flight are stopped by the next cycles. */
    record Cancel(String runId) implements OnRun {
        @Override
        public Optional<Run> applyTo(RunCoordinator engine, String who) {
            return engine.cancel(runId, who);
        }
    }

    record Pause(String runId) implements OnRun {
        @Override
        public Optional<Run> applyTo(RunCoordinator engine, String who) {
            return engine.pause(runId, who);
        }
    }

    record Resume(String runId) implements OnRun {
        @Override
        public Optional<Run> applyTo(RunCoordinator engine, String who) {
            return engine.resume(runId, who);
        }
    }

    /** The run's own ceiling on tasks in flight; none (null) goes back to the limit over all runs. */
    record MaxInFlight(String runId, Integer tasks) implements OnRun {
        @Override
        public Optional<Run> applyTo(RunCoordinator engine, String who) {
            inRange(null, tasks);
            return engine.maxInFlight(runId, tasks, who);
        }
    }

    /** The run's spending cap (null: none). */
    record Cap(String runId, SpendingCap cap) implements OnRun {
        @Override
        public Optional<Run> applyTo(RunCoordinator engine, String who) {
            return engine.cap(runId, cap, who);
        }
    }

    /** Launches again the run's failed or cancelled bots: those listed (all when none), or those of one kind. */
    record Retry(String runId, List<BotKey> only, FailureKind kind) implements EngineCommand<RunCoordinator.RetryResult> {

        public Retry {
            only = only == null ? List.of() : List.copyOf(only);
        }

        @Override
        public RunCoordinator.RetryResult applyTo(RunCoordinator engine, String who) {
            return engine.retry(runId, new java.util.LinkedHashSet<>(only), kind, who).orElse(null);
        }

        @Override
        public Map<String, String> outcome(RunCoordinator.RetryResult result) {
            if (result == null) {
                return Map.of("found", "false");
            }
            Map<String, String> outcome = new HashMap<>();
            outcome.put("found", "true");
            outcome.put("queued", Integer.toString(result.queued()));
            if (result.refusal() != null) {
                outcome.put("refusal", result.refusal().name());
                outcome.put("problem", result.problem());
            }
            return outcome;
        }

        @Override
        public RunCoordinator.RetryResult answer(Map<String, String> outcome, RunRepository store, EngineLimits configured) {
            if (!Boolean.parseBoolean(outcome.get("found"))) {
                return null;
            }
            RunRefusedException.Reason refusal = outcome.containsKey("refusal")
                    ? RunRefusedException.Reason.valueOf(outcome.get("refusal")) : null;
            return new RunCoordinator.RetryResult(store.findRun(runId).orElse(null),
                    Integer.parseInt(outcome.getOrDefault("queued", "0")), refusal, outcome.get("problem"));
        }
    }

    /** New limits over all runs; a null field keeps the limit in force. */
    record Limits(Double runTaskRate, Integer maxInFlight) implements OnLimits {
        @Override
        public EngineLimits applyTo(RunCoordinator engine, String who) {
            if (runTaskRate == null && maxInFlight == null) {
                throw new IllegalArgumentException("a limits change without runTaskRate or maxInFlight");
            }
            inRange(runTaskRate, maxInFlight);
            return engine.changeLimits(runTaskRate, maxInFlight, who);
        }
    }

    /** Back to the limits in the configuration. */
    record ConfiguredLimits() implements OnLimits {
        @Override
        public EngineLimits applyTo(RunCoordinator engine, String who) {
            return engine.configuredLimits(who);
        }
    }

    /** A run a standby copy stored, handed to the driving copy to launch and track. */
    record Adopt(String runId) implements EngineCommand<Boolean> {
        @Override
        public Boolean applyTo(RunCoordinator engine, String who) {
            engine.adopt(runId);
            return true;
        }

        @Override
        public Map<String, String> outcome(Boolean result) {
            return Map.of("done", result.toString());
        }

        @Override
        public Boolean answer(Map<String, String> outcome, RunRepository store, EngineLimits configured) {
            return Boolean.parseBoolean(outcome.get("done"));
        }

        @Override
        public boolean answered() {
            return false;
        }
    }

    private static void inRange(Double runTaskRate, Integer maxInFlight) {
        EngineLimits.problem(runTaskRate, maxInFlight).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }
}
