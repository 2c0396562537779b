package io.reembed.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * A run's spending cap: the Fargate cost it may reach, counted as the page counts it (each task's
 * time from launch to end, to now for one still running, at the price of the run's task size) plus
 * what its tasks in flight are still expected to cost. The price and a task's expected time come
 * from the run's estimate at launch.
 *
 * @param usd the cap
 * @param usdPerTaskSecond what one task costs a second
 * @param expectedTaskSeconds how long a task is expected to run
 */
public record SpendingCap(double usd, double usdPerTaskSecond, double expectedTaskSeconds) {

    /** What one more task is expected to cost. */
    public double taskCost() {
        return usdPerTaskSecond * expectedTaskSeconds;
    }

    /** The cost of every task the run started, each attempt's, to its end or to now. */
    public double spent(Collection<RunBot> bots, Instant now) {
        double seconds = 0;
        for (RunBot bot : bots) {
            for (Attempt earlier : bot.earlier()) {
                seconds += seconds(earlier.taskArn(), earlier.launchedAt(), earlier.finishedAt(), now);
            }
            seconds += seconds(bot.taskArn(), bot.launchedAt(), bot.finishedAt(), now);
        }
        return seconds * usdPerTaskSecond;
    }

    /**
     * What the tasks in flight are still expected to cost: each the rest of its expected time, a bot
     * handed to a launcher (or being launched) a whole task.
     */
    public double inFlight(Collection<RunBot> bots, Predicate<RunBot> handedToALauncher, Instant now) {
        double seconds = 0;
        for (RunBot bot : bots) {
            if (bot.state().inFlight() && bot.launchedAt() != null) {
                seconds += Math.max(0, expectedTaskSeconds - Duration.between(bot.launchedAt(), now).toMillis() / 1000.0);
            } else if (bot.state().inFlight() || handedToALauncher.test(bot)) {
                seconds += expectedTaskSeconds;
            }
        }
        return seconds * usdPerTaskSecond;
    }

    /** How many more tasks fit under the cap. */
    public int launchesLeft(double spent, double inFlight) {
        double left = usd - spent - inFlight;
        return left < taskCost() ? 0 : (int) Math.min(Integer.MAX_VALUE, Math.floor(left / taskCost()));
    }

    public String label() {
        return usd(usd);
    }

    /** Dollars and cents; tenths of a cent below a dollar, where a few short tasks cost that little. */
    public static String usd(double amount) {
        return String.format(Locale.ROOT, amount < 1 ? "$%.4f" : "$%.2f", amount);
    }

    private static double seconds(String taskArn, Instant launchedAt, Instant finishedAt, Instant now) {
        if (taskArn == null || launchedAt == null) {
            return 0;
        }
        return Duration.between(launchedAt, finishedAt != null ? finishedAt : now).toMillis() / 1000.0;
    }
}
