package io.reembed.runs.engine;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

/** Counts of the engine's AWS calls, for the benchmark and the tests; they only grow. */
// A singleton, not a proxied bean: the engine's parts update its fields directly.
@Singleton
public class EngineMetrics {

    final AtomicLong runTaskCalls = new AtomicLong();
    final AtomicLong runTaskThrottled = new AtomicLong();
    final AtomicLong runTaskUnanswered = new AtomicLong();
    final AtomicLong capacityFailures = new AtomicLong();
    final AtomicLong stopTaskCalls = new AtomicLong();
    final AtomicLong stopTaskThrottled = new AtomicLong();
    final AtomicLong polls = new AtomicLong();
    volatile int lastPollDescribeCalls;
    volatile int lastPollTasks;

    public long runTaskCalls() {
        return runTaskCalls.get();
    }

    /** RunTask calls answered with ThrottlingException or a 5xx. */
    public long runTaskThrottled() {
        return runTaskThrottled.get();
    }

    public long runTaskUnanswered() {
        return runTaskUnanswered.get();
    }

    public long capacityFailures() {
        return capacityFailures.get();
    }

    public long stopTaskCalls() {
        return stopTaskCalls.get();
    }

    /** StopTask calls throttled, answered with a 5xx, or unanswered. */
    public long stopTaskThrottled() {
        return stopTaskThrottled.get();
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
