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
    /** The fewest: below one call in ten seconds, a launcher waiting for its turn would look wedged. */
    public static final double LEAST_RUN_TASK_RATE = 0.1;
    public static final int MOST_IN_FLIGHT = 10_000;

    /**
     * What is wrong with these values (null: left as they are), in words; empty when they are in
     * range. The one check that the API, the forms, the requests of other copies and the stored
     * limits all go through.
     */
    public static java.util.Optional<String> problem(Double runTaskRate, Integer maxInFlight) {
        if (runTaskRate != null && !(runTaskRate >= LEAST_RUN_TASK_RATE && runTaskRate <= MOST_RUN_TASK_RATE)) {
            return java.util.Optional.of("runTaskRate must be from " + plain(LEAST_RUN_TASK_RATE) + " to "
                    + plain(MOST_RUN_TASK_RATE) + " (ECS allows 20 RunTask calls per second per account and region), not "
                    + runTaskRate);
        }
        if (maxInFlight != null && (maxInFlight < 1 || maxInFlight > MOST_IN_FLIGHT)) {
            return java.util.Optional.of("maxInFlight must be from 1 to " + MOST_IN_FLIGHT + ", not " + maxInFlight);
        }
        return java.util.Optional.empty();
    }

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
