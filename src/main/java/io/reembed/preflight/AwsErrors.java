package io.reembed.preflight;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns a failed AWS call into the check it makes: "could not check" unless AWS said the thing is wrong. */
final class AwsErrors {

    private static final Set<String> NO_PERMISSION = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure",
            "ExpiredToken", "ExpiredTokenException", "MissingAuthenticationToken", "MissingAuthenticationTokenException");

    private AwsErrors() {
    }

    static String code(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorCode() != null) {
            return service.awsErrorDetails().errorCode();
        }
        return e.getClass().getSimpleName();
    }

    static String message(SdkException e) {
        if (e instanceof AwsServiceException service && service.awsErrorDetails() != null
                && service.awsErrorDetails().errorMessage() != null) {
            return service.awsErrorDetails().errorMessage();
        }
        return e.getMessage();
    }

    /** "AccessDeniedException: User ... is not authorized to perform ecs:DescribeClusters". */
    static String describe(SdkException e) {
        return code(e) + ": " + message(e);
    }

    /** The grey answer for a call that could not be made, with what to allow when it was a permission. */
    static Check couldNotCheck(String id, String title, String action, SdkException e) {
        String advice = NO_PERMISSION.contains(code(e))
                ? "Allow " + action + " to the console's role, or check it in the AWS console."
                : "Try again in a moment (\"Check again\").";
        return Check.unknown(id, title, "could not check: " + describe(e), advice);
    }
}
