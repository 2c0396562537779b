package io.reembed.runs.engine;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.reembed.runs.FailureKind;

/**
 * Counts of the engine's AWS calls and outcomes, for the benchmark, the tests and the metrics
 * endpoint (bound to Micrometer by {@code ops.ConsoleMetrics}); they only grow.
 */
// A singleton, not a proxied bean: the engine's parts update its fields directly.
@Singleton
public class EngineMetrics {

    final AtomicLong runTaskCalls = new AtomicLong();
    final AtomicLong runTaskLaunched = new AtomicLong();
    final AtomicLong runTaskRefused = new AtomicLong();
    final AtomicLong describeTasksCalls = new AtomicLong();
    final AtomicLong pollNanos = new AtomicLong();
    private final Map<FailureKind, AtomicLong> failures = new EnumMap<>(FailureKind.class);

    public EngineMetrics() {
        for (FailureKind kind : FailureKind.values()) {
            failures.put(kind, new AtomicLong());
        }
    }

    void failed(FailureKind kind) {
        if (kind != null) {
            failures.get(kind).incrementAndGet();
        }
    }

    /** Attempts that ended FAILED with this kind. */
    public long failures(FailureKind kind) {
        return failures.get(kind).get();
    }

    /** RunTask calls that started a task. */
    public long runTaskLaunched() {
        return runTaskLaunched.get();
    }

    /** RunTask calls ECS refused for good (settings, permissions, an inactive task definition). */
    public long runTaskRefused() {
        return runTaskRefused.get();
    }

    public long describeTasksCalls() {
        return describeTasksCalls.get();
    }

    /** Time spent in polls (DescribeTasks and the verdicts), summed. */
    public long pollNanos() {
        return pollNanos.get();
    }
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
