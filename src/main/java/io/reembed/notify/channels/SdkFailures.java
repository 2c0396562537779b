package io.reembed.notify.channels;

import io.reembed.notify.DeliveryException;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/** An AWS call's failure as a delivery's: throttling, 5xx, timeouts and connection failures are worth another try. */
final class SdkFailures {

    private SdkFailures() {
    }

    static DeliveryException of(SdkException e) {
        if (e instanceof AwsServiceException service) {
            boolean retryable = service.isThrottlingException() || service.statusCode() >= 500;
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            return new DeliveryException(service.statusCode() + " " + (code == null ? "" : code + ": ")
                    + (service.awsErrorDetails() == null ? service.getMessage() : service.awsErrorDetails().errorMessage()),
                    retryable);
        }
        // Timeouts, refused connections, names that do not resolve.
        return new DeliveryException(e instanceof SdkClientException ? "unreachable: " + e.getMessage() : e.getMessage(),
                true);
    }
}
