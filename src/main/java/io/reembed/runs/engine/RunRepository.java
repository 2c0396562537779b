package io.reembed.runs.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunHead;

/**
 * Where runs and their bots are kept: everything the engine must remember across a restart. Every
 * write of a run or a bot is conditional: on the version the engine took up or last wrote (see
 * {@link #forEngine()}), or, for a new run, on its not being there yet. A write that finds another
 * version throws {@link StaleStateException}: another copy wrote since.
 */
public interface RunRepository {

    /** A run and its bots as the engine takes them on. */
    record Taken(Run run, List<RunBot> bots) {
    }

    void createTableIfMissing();

    /**
     * The view the copy that drives runs writes through: it remembers the version of each run and
     * bot it took up or wrote, until it lets the run go. Other views (pages, a standby storing a new
     * run) remember nothing, so reading for a page never grows memory and never licenses a write.
     */
    RunRepository forEngine();

    /** Reads a run (with its audit trail) and its bots to drive them; in the engine's view, writes follow these versions. */
    Optional<Taken> takeUp(String runId);

    /** The engine holds this run no longer: what it remembered of it is forgotten. */
    void letGo(String runId);

    void saveRun(Run run);

    void saveBot(String runId, RunBot bot);

    void saveBots(String runId, List<RunBot> bots);

    /** The run with its whole audit trail, for reading. */
    Optional<Run> findRun(String id);

    /** Runs, newest first, without their audit trails. */
    List<Run> listRuns(int limit);

    /** Runs, newest first, as their id, state and end alone: for a look over many runs that reads few of them. */
    List<RunHead> listRunHeads(int limit);

    /** A run's bots, for reading. */
    List<RunBot> loadBots(String runId);

    /** The global limits as an operator last set them, if ever. */
    Optional<EngineLimits> loadLimits();

    void saveLimits(EngineLimits limits);

    /** Back to the configured limits. */
    void clearLimits();

    /**
     * Takes or renews the lease that lets one copy drive runs, until {@code until}: true when it was
     * free, this process's own ({@code token}), or expired by {@code now}; false when another holds it.
     */
    boolean takeLease(String holder, String token, Instant now, Instant until);

    /** Who holds the lease, if anyone ever took it. */
    Optional<Lease> lease();

    /** Gives the lease up (a copy shutting down), if this process still holds it. */
    void releaseLease(String token);

    void saveRequest(EngineRequest request);

    /** Every stored request, applied or not, oldest first. */
    List<EngineRequest> requests();

    /** Writes the driving copy's outcome into a stored request, for the copy that waits for it. */
    void answerRequest(String id, Map<String, String> outcome);

    Optional<EngineRequest> findRequest(String id);

    void deleteRequest(String id);

    /** Where the runs are kept, for messages. */
    String location();
}
