package io.reembed.runs.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * How many tasks the account can really run at once. ECS answers a launch beyond its vCPU quota
 * with a capacity failure; from then on the engine launches only as tasks end, and probes one task
 * above the capacity it found once per probe interval, instead of hammering RunTask.
 */
final class CapacityGauge {

    private final int configured;
    private final Duration probeEvery;
    private int limit;
    private Instant nextProbe = Instant.MIN;

    CapacityGauge(int configured, Duration probeEvery) {
        this.configured = configured;
        this.probeEvery = probeEvery;
        this.limit = configured;
    }

    /** Tasks that may be in flight now: the capacity found, plus one when a probe is due. */
    synchronized int limit(Instant now) {
        return limit < configured && !now.isBefore(nextProbe) ? limit + 1 : limit;
    }

    synchronized void capacityFailure(int tasksStarted, Instant now) {
        limit = Math.max(1, Math.min(limit, tasksStarted));
        nextProbe = now.plus(probeEvery);
    }

    /** A task was started: the account holds at least as many as are running now. */
    synchronized void launched(int tasksStarted) {
        limit = Math.min(configured, Math.max(limit, tasksStarted));
    }
}
