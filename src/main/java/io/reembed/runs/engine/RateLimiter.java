package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** Spaces calls evenly at a steady rate, and can be told to hold off after the service throttled us. */
public class RateLimiter {

    private final Clock clock;
    private final Sleeper sleeper;
    private volatile Duration interval;
    private Instant nextFree;

    public RateLimiter(double perSecond, Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = intervalOf(perSecond);
        this.nextFree = clock.instant();
    }

    /** Blocks until the caller may make its call. */
    public void acquire() throws InterruptedException {
        Duration wait;
        synchronized (this) {
            Instant now = clock.instant();
            Instant at = now.isAfter(nextFree) ? now : nextFree;
            nextFree = at.plus(interval);
            wait = Duration.between(now, at);
        }
        if (!wait.isZero()) {
            sleeper.sleep(wait);
        }
    }

    /** A new steady rate, from the next call on. */
    public void rate(double perSecond) {
        interval = intervalOf(perSecond);
    }

    /** No call before {@code pause} has passed. */
    public synchronized void holdOff(Duration pause) {
        Instant until = clock.instant().plus(pause);
        if (until.isAfter(nextFree)) {
            nextFree = until;
        }
    }

    private static Duration intervalOf(double perSecond) {
        return Duration.ofNanos((long) (1e9 / perSecond));
    }
}
