package io.reembed.runs.engine;

import java.time.Duration;
import java.time.Instant;

/**
 * How many tasks the account can really run at once. When preflight knows it (the Fargate vCPU
 * quota over the task's vCPUs, less what other tasks use), that is the ceiling and the engine fills
 * it without a refused call. Otherwise, or when ECS still answers a launch with a capacity failure,
 * the engine launches only as tasks end from then on, and probes one task above the capacity it
 * found once per probe interval (never above the ceiling), instead of hammering RunTask.
 */
final class CapacityGauge {

    private int configured;
    private final Duration probeEvery;
    private int ceiling = Integer.MAX_VALUE;
    private int limit;
    private Instant nextProbe = Instant.MIN;

    CapacityGauge(int configured, Duration probeEvery) {
        this.configured = configured;
        this.probeEvery = probeEvery;
        this.limit = configured;
    }

    /** Tasks that may be in flight now: the capacity found, plus one when a probe is due. */
    synchronized int limit(Instant now) {
        return limit < most() && !now.isBefore(nextProbe) ? limit + 1 : limit;
    }

    synchronized void capacityFailure(int tasksStarted, Instant now) {
        limit = Math.max(1, Math.min(limit, tasksStarted));
        nextProbe = now.plus(probeEvery);
    }

    /** A task was started: the account holds at least as many as are running now. */
    synchronized void launched(int tasksStarted) {
        limit = Math.min(most(), Math.max(limit, tasksStarted));
    }

    /** The in-flight limit an operator set: the gauge's capacity found so far is kept below it. */
    synchronized void configured(int tasks) {
        boolean capacityFound = nextProbe != Instant.MIN;
        configured = tasks;
        // Without a capacity failure so far the new limit holds at once; after one, probing goes on from what was found.
        limit = capacityFound ? Math.min(limit, most()) : most();
    }

    /** The tasks the account can run at once, as preflight worked out: trusted up to the next capacity failure. */
    synchronized void ceiling(int tasks) {
        ceiling = Math.max(1, tasks);
        limit = most();
    }

    /** The ceiling preflight found, when it is below the configured limit: the limit really in force. */
    synchronized java.util.OptionalInt ceilingBelowConfigured() {
        return ceiling < configured ? java.util.OptionalInt.of(ceiling) : java.util.OptionalInt.empty();
    }

    private int most() {
        return Math.min(configured, ceiling);
    }
}
