package io.reembed.runs.engine;

import java.time.Duration;

import io.reembed.config.ReembedConfig;

/** The engine's tuning, as plain values so that tests can build an engine without configuration. */
public record EngineSettings(double runTaskRate, double stopTaskRate, int maxInFlight, Duration pollInterval,
        Duration missingGrace, Duration startTimeout, Duration capacityBackoff, Duration throttleBackoff,
        Duration maxBackoff, int stopAttempts, int autoRetries, Duration autoRetryBackoff, Duration stalledAfter) {

    public static EngineSettings from(ReembedConfig config) {
        ReembedConfig.Runs runs = config.runs();
        return new EngineSettings(runs.runTaskRate(), runs.stopTaskRate(), runs.maxInFlight(), runs.pollInterval(),
                runs.missingGrace(), runs.startTimeout(), runs.capacityBackoff(), runs.throttleBackoff(),
                runs.maxBackoff(), runs.stopAttempts(), runs.autoRetries(), runs.autoRetryBackoff(),
                config.notifications().stalledAfter());
    }

    /** The wait before the n-th automatic retry of one bot: auto-retry-backoff, doubling per retry. */
    public Duration autoRetryWait(int retry) {
        return autoRetryBackoff.multipliedBy(1L << Math.min(Math.max(retry - 1, 0), 10));
    }

    /** Exponential backoff from throttle-backoff, doubling per try, capped at max-backoff. */
    public Duration backoff(int tries) {
        long factor = 1L << Math.min(Math.max(tries - 1, 0), 16);
        Duration wait = throttleBackoff.multipliedBy(factor);
        return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
    }
}
