package io.reembed.runs;

import java.time.Duration;

/** Spaces calls evenly at a steady rate, and can be told to hold off after the service throttled us. */
public class RateLimiter {

    private final long intervalNanos;
    private long nextFree = System.nanoTime();

    public RateLimiter(double perSecond) {
        this.intervalNanos = (long) (1e9 / perSecond);
    }

    /** Blocks until the caller may make its call. */
    public void acquire() throws InterruptedException {
        long wait;
        synchronized (this) {
            long now = System.nanoTime();
            long at = Math.max(now, nextFree);
            nextFree = at + intervalNanos;
            wait = at - now;
        }
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** No call before {@code pause} has passed. */
    public synchronized void holdOff(Duration pause) {
        nextFree = Math.max(nextFree, System.nanoTime() + pause.toNanos());
    }
}
