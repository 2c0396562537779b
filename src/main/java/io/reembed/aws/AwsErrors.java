package io.reembed.aws;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * What a failed AWS call says, in AWS's own words: its error code and message, for pages, notes and
 * logs. (RunLauncher keeps its own copy of {@link #describe}: this package depends on the run engine,
 * not the other way round.)
 */
public final class AwsErrors {

    private AwsErrors() {
    }

    /** The service's error code ("AccessDeniedException"), or the exception's kind when the call got no answer. */
    public static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    /** The service's own message, without the SDK's request details; the exception's message otherwise. */
    public static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** "AccessDeniedException: User … is not authorized …" for a service's answer; the exception's message otherwise. */
    public static String describe(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null) {
            return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }
}
