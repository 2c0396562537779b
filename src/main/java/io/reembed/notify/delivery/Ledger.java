package io.reembed.notify.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What one channel was given of one run's events: the trail entry it looks at next, when each event
 * was delivered or given up, and the tries of the one it is on. Stored in the runs table and written
 * conditionally on {@code revision}, so that a copy acting on an older reading writes nothing.
 *
 * @param next the index in the run's trail of the next entry to look at
 * @param settled every entry of an ended run looked at: nothing to do until the run runs again
 */
public record Ledger(String runId, String channel, int next, int tries, Instant firstTry, Instant nextTry,
        String problem, Map<Integer, Instant> delivered, Map<Integer, String> gaveUp, boolean settled, long revision) {

    private static final Duration LONGEST_WAIT = Duration.ofMinutes(5);

    public static Ledger fresh(String runId, String channel) {
        return new Ledger(runId, channel, 0, 0, null, null, null, Map.of(), Map.of(), false, 0);
    }

    /** Entry {@code index} needs nothing from this channel. */
    Ledger passed(int index) {
        return new Ledger(runId, channel, index + 1, 0, null, null, null, delivered, gaveUp, false, revision);
    }

    Ledger delivered(int index, Instant at) {
        Map<Integer, Instant> done = new HashMap<>(delivered);
        done.put(index, at);
        return new Ledger(runId, channel, index + 1, 0, null, null, null, Map.copyOf(done), gaveUp, false, revision);
    }

    Ledger gaveUp(int index, String why) {
        Map<Integer, String> given = new HashMap<>(gaveUp);
        given.put(index, why);
        return new Ledger(runId, channel, index + 1, 0, null, null, null, delivered, Map.copyOf(given), false, revision);
    }

    /** A retryable failure: the next try after a wait that doubles from {@code firstWait} up to 5 min. */
    Ledger failed(Instant now, String why, Duration firstWait) {
        int tried = tries + 1;
        Duration wait = firstWait.multipliedBy(1L << Math.min(tried - 1, 16));
        if (wait.compareTo(LONGEST_WAIT) > 0) {
            wait = LONGEST_WAIT;
        }
        return new Ledger(runId, channel, next, tried, firstTry == null ? now : firstTry, now.plus(wait), why, delivered,
                gaveUp, false, revision);
    }

    Ledger asSettled() {
        return new Ledger(runId, channel, next, 0, null, null, null, delivered, gaveUp, true, revision);
    }

    Ledger withRevision(long stored) {
        return new Ledger(runId, channel, next, tries, firstTry, nextTry, problem, delivered, gaveUp, settled, stored);
    }

    boolean due(Instant now) {
        return nextTry == null || !now.isBefore(nextTry);
    }
}
