package io.reembed.runs.engine;

/** What one RunTask call came to, in the engine's terms: the ECS port maps ECS's answers and errors to these. */
public sealed interface LaunchOutcome {

    /** A task was started (or, for a token used before, the task it started then). */
    record Started(String taskArn, String lastStatus) implements LaunchOutcome {
    }

    /** ECS answered with a failure that capacity freeing up will fix (the account's Fargate vCPUs, for one). */
    record NoCapacity(String reason) implements LaunchOutcome {
    }

    /** Throttled or a 5xx: the same call, with the same token, later. */
    record Throttled(String message) implements LaunchOutcome {
    }

    /** No answer at all: the task may or may not exist; the same token makes the next call safe. */
    record Unanswered(String message) implements LaunchOutcome {
    }

    /** Refused in a way retrying cannot fix (an inactive task definition, a bad parameter, a permission). */
    record Refused(String message) implements LaunchOutcome {
    }
}
