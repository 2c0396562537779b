package io.reembed.runs.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.estimate.RunCosts;
import io.reembed.logs.LogTail;
import io.reembed.logs.TaskLogs;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.service.RunService;

/**
 * What a run's page shows, read at most once per update interval however many pages watch the run:
 * on a copy that does not drive runs each reading is a query of the runs table, and every open tab
 * would otherwise make its own each second.
 */
@ApplicationScoped
public class RunReadings {

    private static final Duration FORGOTTEN = Duration.ofMinutes(2);

    /** One reading: the run and its bots, the kept log tails, and the estimate beside the figures so far. */
    public record Reading(RunSnapshot snapshot, Map<BotKey, List<LogTail>> tails, RunCosts.Comparison costs,
            Instant readAt) {

        public RunPageView page(String state, Integer page) {
            return RunPageView.of(snapshot, state, page, RunsResource.ROWS_PER_PAGE, tails, costs);
        }
    }

    private final Function<String, Reading> reader;
    private final Clock clock;
    private final Duration fresh;
    private final Map<String, Reading> latest = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    @Inject
    public RunReadings(RunService runs, TaskLogs logs, RunCosts costs, ReembedConfig config, Clock clock) {
        this(clock, freshFor(config.runs().pageUpdateInterval()), runId -> {
            RunSnapshot snapshot = runs.snapshot(runId);
            return new Reading(snapshot, logs.tails(runId), costs.of(snapshot).orElse(null), clock.instant());
        });
    }

    RunReadings(Clock clock, Duration fresh, Function<String, Reading> reader) {
        this.clock = clock;
        this.fresh = fresh;
        this.reader = reader;
    }

    /** A little less than the pages' update interval: each tick of a stream finds the last tick's reading stale. */
    static Duration freshFor(Duration updateInterval) {
        return updateInterval.multipliedBy(9).dividedBy(10);
    }

    /** A reading of the run younger than the update interval; a run that does not exist is a 404 (RunService's). */
    public Reading read(String runId) {
        Reading reading = fresh(runId);
        if (reading != null) {
            return reading;
        }
        synchronized (locks.computeIfAbsent(runId, id -> new Object())) {
            reading = fresh(runId);
            return reading != null ? reading : readNow(runId);
        }
    }

    /**
     * A reading made now, for a page asked for (after an action it must show the action's effect);
     * the update streams that follow start from it or a later one, never an earlier one.
     */
    public Reading readNow(String runId) {
        Reading reading = reader.apply(runId);
        latest.merge(runId, reading, (old, now) -> now.readAt().isBefore(old.readAt()) ? old : now);
        forgetUnwatched();
        return reading;
    }

    private Reading fresh(String runId) {
        Reading reading = latest.get(runId);
        return reading != null && reading.readAt().plus(fresh).isAfter(clock.instant()) ? reading : null;
    }

    private void forgetUnwatched() {
        Instant before = clock.instant().minus(FORGOTTEN);
        latest.entrySet().removeIf(entry -> entry.getValue().readAt().isBefore(before));
        locks.keySet().removeIf(id -> !latest.containsKey(id));
    }
}
