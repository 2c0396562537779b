package io.reembed.local;

/** A token bucket as AWS describes its API rate limits: a burst capacity refilled at a steady rate. */
public final class TokenBucket {

    private final double capacity;
    private final double refillPerNano;
    private double tokens;
    private long refilledAt;

    public TokenBucket(int capacity, int refillPerSecond, long nowNanos) {
        this.capacity = capacity;
        this.refillPerNano = refillPerSecond / 1e9;
        this.tokens = capacity;
        this.refilledAt = nowNanos;
    }

    public synchronized boolean tryTake(long nowNanos) {
        if (capacity <= 0) {
            return true;
        }
        tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * refillPerNano);
        refilledAt = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return true;
        }
        return false;
    }
}
