package io.reembed.aws;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * Resends what a DynamoDB batch call left unprocessed (BatchWriteItem's UnprocessedItems,
 * BatchGetItem's UnprocessedKeys). DynamoDB leaves items out when a partition is throttled, so AWS
 * asks for an exponential backoff between tries, not a tight loop; after a bounded number of tries
 * the call fails instead of spinning.
 */
public final class BatchRetry {

    static final int MAX_TRIES = 10;
    private static final Duration FIRST_WAIT = Duration.ofMillis(50);
    private static final Duration MAX_WAIT = Duration.ofSeconds(2);

    private BatchRetry() {
    }

    /**
     * Calls {@code send} with {@code pending}, then with what it answers was left unprocessed, until
     * nothing is left.
     */
    public static <T> void untilDone(T pending, UnaryOperator<T> send, Predicate<T> nothingLeft) {
        T left = pending;
        for (int tries = 1; !nothingLeft.test(left); tries++) {
            if (tries > MAX_TRIES) {
                throw SdkClientException.create("DynamoDB left part of a batch unprocessed after " + MAX_TRIES
                        + " tries (the table is throttled); try again later");
            }
            if (tries > 1) {
                pause(tries - 1);
            }
            left = send.apply(left);
        }
    }

    private static void pause(int retry) {
        long millis = Math.min(MAX_WAIT.toMillis(), FIRST_WAIT.toMillis() << Math.min(retry - 1, 10));
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw SdkClientException.create("Interrupted while resending a DynamoDB batch", e);
        }
    }
}
