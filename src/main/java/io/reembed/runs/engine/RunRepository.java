package io.reembed.runs.engine;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.reembed.runs.Run;
import io.reembed.runs.RunBot;

/** Where runs and their bots are kept: everything the engine must remember across a restart. */
public interface RunRepository {

    void createTableIfMissing();

    void saveRun(Run run);

    void saveBot(String runId, RunBot bot);

    void saveBots(String runId, List<RunBot> bots);

    Optional<Run> findRun(String id);

    /** Runs, newest first. */
    List<Run> listRuns(int limit);

    List<RunBot> loadBots(String runId);

    /** The global limits as an operator last set them, if ever. */
    Optional<EngineLimits> loadLimits();

    void saveLimits(EngineLimits limits);

    /** Back to the configured limits. */
    void clearLimits();

    /**
     * Takes or renews the lease that lets one copy drive runs, until {@code until}; false when another
     * copy holds it and it has not expired by {@code now}.
     */
    boolean takeLease(String holder, Instant now, Instant until);

    /** Who holds the lease, if anyone ever took it. */
    Optional<Lease> lease();

    /** Gives the lease up (a copy shutting down), if this holder still has it. */
    void releaseLease(String holder);

    void saveRequest(EngineRequest request);

    /** Every stored request, applied or not, oldest first. */
    List<EngineRequest> requests();

    Optional<EngineRequest> findRequest(String id);

    void deleteRequest(String id);

    /** Where the runs are kept, for messages. */
    String location();
}
