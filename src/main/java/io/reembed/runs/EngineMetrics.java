package io.reembed.runs;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

/** Counts of the engine's AWS calls, for the benchmark and the run pages. */
// A singleton, not a proxied bean: the engine updates its fields directly.
@Singleton
public class EngineMetrics {

    final AtomicLong runTaskCalls = new AtomicLong();
    final AtomicLong runTaskThrottled = new AtomicLong();
    final AtomicLong capacityFailures = new AtomicLong();
    final AtomicLong describeCalls = new AtomicLong();
    final AtomicLong describeThrottled = new AtomicLong();
    final AtomicLong polls = new AtomicLong();
    volatile int lastPollDescribeCalls;
    volatile int lastPollTasks;

    public long runTaskCalls() {
        return runTaskCalls.get();
    }

    public long runTaskThrottled() {
        return runTaskThrottled.get();
    }

    public long capacityFailures() {
        return capacityFailures.get();
    }

    public long describeCalls() {
        return describeCalls.get();
    }

    public long describeThrottled() {
        return describeThrottled.get();
    }

    public long polls() {
        return polls.get();
    }

    public int lastPollDescribeCalls() {
        return lastPollDescribeCalls;
    }

    public int lastPollTasks() {
        return lastPollTasks;
    }
}
