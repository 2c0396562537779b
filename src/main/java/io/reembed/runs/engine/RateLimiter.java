package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Spaces calls evenly at a steady rate, and can be told to hold off after the service throttled us.
 * A waiting caller naps at most {@link #LONGEST_NAP} at a time and looks again, so a new rate (or
 * a slower one set by mistake and corrected) applies at once to callers already waiting.
 */
public class RateLimiter {

    static final Duration LONGEST_NAP = Duration.ofMillis(200);

    private final Clock clock;
    private final Sleeper sleeper;
    private Duration interval;
    /** When the last call was let through; null before the first. */
    private Instant lastTaken;
    private Instant heldUntil = Instant.MIN;

    public RateLimiter(double perSecond, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = intervalOf(perSecond);
    }

    /** Blocks until the caller may make its call. */
    public void acquire() throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                Instant free = nextFree();
                if (!now.isBefore(free)) {
                    lastTaken = now;
                    return;
                }
                wait = Duration.between(now, free);
            }
            sleeper.sleep(wait.compareTo(LONGEST_NAP) > 0 ? LONGEST_NAP : wait);
        }
    }

    /** A new steady rate, for the next call already. */
    public synchronized void rate(double perSecond) {
        interval = intervalOf(perSecond);
    }

    /** No call before {@code pause} has passed. */
    public synchronized void holdOff(Duration pause) {
        Instant until = clock.instant().plus(pause);
        if (until.isAfter(heldUntil)) {
            heldUntil = until;
        }
    }

    private Instant nextFree() {
        Instant byRate = lastTaken == null ? Instant.MIN : lastTaken.plus(interval);
        return byRate.isAfter(heldUntil) ? byRate : heldUntil;
    }

    private static Duration intervalOf(double perSecond) {
        return Duration.ofNanos((long) (1e9 / perSecond));
    }
}
