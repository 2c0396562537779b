package io.reembed.runs.engine;

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

    /** Where the runs are kept, for messages. */
    String location();
}
