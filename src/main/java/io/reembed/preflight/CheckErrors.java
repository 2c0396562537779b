package io.reembed.preflight;

import java.util.Set;

import io.reembed.aws.AwsErrors;
import software.amazon.awssdk.core.exception.SdkException;

/** Turns a failed AWS call into the check it makes: "could not check" unless AWS said the thing is wrong. */
final class CheckErrors {

    private static final Set<String> NO_PERMISSION = Set.of("AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "UnrecognizedClientException", "InvalidClientTokenId", "AuthFailure",
            "ExpiredToken", "ExpiredTokenException", "MissingAuthenticationToken", "MissingAuthenticationTokenException");

    private CheckErrors() {
    }

    /** "AccessDeniedException: User ... is not authorized to perform ecs:DescribeClusters", with the kind even without an answer. */
    static String describe(SdkException e) {
        return AwsErrors.code(e) + ": " + AwsErrors.message(e);
    }

    /** The grey answer for a call that could not be made, with what to allow when it was a permission. */
    static Check couldNotCheck(String id, String title, String action, SdkException e) {
        String advice = NO_PERMISSION.contains(AwsErrors.code(e))
                ? "Allow " + action + " to the console's role, or check it in the AWS console."
                : "Try again in a moment (\"Check again\").";
        return Check.unknown(id, title, "could not check: " + describe(e), advice);
    }
}
