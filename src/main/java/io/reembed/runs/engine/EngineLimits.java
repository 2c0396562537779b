package io.reembed.runs.engine;

import java.time.Instant;

/**
 * The limits over all runs: RunTask calls per second and tasks in flight at once. They start as
 * configured; an operator may change them while runs go on, and what was set is stored, so it
 * outlives a restart until changed again ({@code changedBy} null: as configured).
 */
public record EngineLimits(double runTaskRate, int maxInFlight, Instant changedAt, String changedBy) {

    /** The most RunTask calls per second that may be set: ECS's own limit is 20 per account and region. */
    public static final double MOST_RUN_TASK_RATE = 20;
    public static final int MOST_IN_FLIGHT = 10_000;

    static EngineLimits configured(EngineSettings settings) {
        return new EngineLimits(settings.runTaskRate(), settings.maxInFlight(), null, null);
    }

    public boolean changed() {
        return changedBy != null;
    }

    /** "20 RunTask calls/s, 50 tasks in flight" */
    public String label() {
        return rateLabel() + " RunTask calls/s, " + maxInFlight + " tasks in flight";
    }

    /** The rate as typed: "20", "12.5". */
    public String rateLabel() {
        return plain(runTaskRate);
    }

    /** A number as an operator types it: whole numbers without ".0". */
    public static String plain(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
