package io.reembed.runs;

/**
 * How many tasks the account can really run at once. ECS answers a launch beyond its vCPU quota
 * with a capacity failure; from then on the engine launches only as tasks end, probing one
 * above the last known capacity per successful launch, instead of hammering RunTask.
 */
final class CapacityGauge {

    private final int configured;
    private int limit;

    CapacityGauge(int configured) {
        this.configured = configured;
        this.limit = configured;
    }

    synchronized int limit() {
        return limit;
    }

    synchronized void capacityFailure(int tasksStarted) {
        limit = Math.max(1, Math.min(limit, tasksStarted));
    }

    synchronized void launched() {
        limit = Math.min(configured, limit + 1);
    }
}
