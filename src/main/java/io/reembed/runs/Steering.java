package io.reembed.runs;


/**
 * How a run is steered while it runs: its own share of tasks in flight (null: only the global
 * limit), its failure brake (pause once more than {@code brakePercent} % of at least
 * {@code brakeAfter} finished bots failed; either 0 turns it off), why it is paused, if it is, and its
 * spending cap, if it has one.
 */
public record Steering(Integer maxInFlight, int brakeAfter, int brakePercent, String pausedBecause,
        int brakeTrippedAtFailures, SpendingCap cap) {

    public static final int DEFAULT_BRAKE_AFTER = 10;
    public static final int DEFAULT_BRAKE_PERCENT = 20;
    public static final Steering DEFAULT = new Steering(null, DEFAULT_BRAKE_AFTER, DEFAULT_BRAKE_PERCENT, null, 0, null);

    /** A new run's steering with this brake; refused unless after is 0 or more and percent 0 to 100. */
    public static Steering withBrake(int after, int percent) {
        if (after < 0 || percent < 0 || percent > 100) {
            throw new SelectionException("The failure brake needs a number of bots of 0 or more and a percentage from 0 "
                    + "to 100 (0 turns it off). Nothing was launched.");
        }
        return new Steering(null, after, percent, null, 0, null);
    }

    public boolean brakeOn() {
        return brakeAfter > 0 && brakePercent > 0;
    }

    /** Whether these counts trip the brake: enough finished, too many failed, and more than when it last tripped. */
    public boolean trips(int succeeded, int failed) {
        int finished = succeeded + failed;
        return brakeOn() && finished >= brakeAfter && failed * 100L > (long) brakePercent * finished
                && failed > brakeTrippedAtFailures;
    }

    public Steering maxInFlight(Integer tasks) {
        return new Steering(tasks, brakeAfter, brakePercent, pausedBecause, brakeTrippedAtFailures, cap);
    }

    public Steering paused(String why) {
        return new Steering(maxInFlight, brakeAfter, brakePercent, why, brakeTrippedAtFailures, cap);
    }

    public Steering braked(String why, int failures) {
        return new Steering(maxInFlight, brakeAfter, brakePercent, why, failures, cap);
    }

    public Steering resumed() {
        return new Steering(maxInFlight, brakeAfter, brakePercent, null, brakeTrippedAtFailures, cap);
    }

    /** With this spending cap (none: null). */
    public Steering capped(SpendingCap newCap) {
        return new Steering(maxInFlight, brakeAfter, brakePercent, pausedBecause, brakeTrippedAtFailures, newCap);
    }

    public String capLabel() {
        return cap == null ? "none" : cap.label() + " of Fargate cost (about " + SpendingCap.usd(cap.taskCost())
                + " a task)";
    }

    public String brakeLabel() {
        return brakeOn() ? "pauses once more than " + brakePercent + " % of at least " + brakeAfter
                + " finished bots failed" : "off";
    }
}
