package io.reembed.notify;

/** A channel did not take an event: retryable (throttled, 5xx, timed out, unreachable) or not (refused, 4xx). */
public final class DeliveryException extends Exception {

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
