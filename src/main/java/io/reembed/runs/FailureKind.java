package io.reembed.runs;

import java.util.Locale;

/**
 * What kind of failure a bot's attempt met, from ECS's and the script's own words (docs/user-guide.md, "Failure kinds",
 * gives the table), and the advice that goes with it: whether a retry is likely to
 * help. The API shows the kind as its lower-case word.
 */
public enum FailureKind {
    /** failures[] of RunTask for vCPU or resource limits. */
    CAPACITY(Advice.TRANSIENT, "likely to succeed on retry: the account had no room then"),
    /** ThrottlingException from ECS. */
    THROTTLED(Advice.TRANSIENT, "likely to succeed on retry: ECS was throttling calls"),
    /** stopCode TaskFailedToStart: ResourceInitializationError, CannotPullContainerError, network interface timeout. */
    START(Advice.TRANSIENT, "likely to succeed on retry: the task failed to start"),
    /** stopCode SpotInterruption, TerminationNotice or InfrastructureHealth. */
    INTERRUPTED(Advice.TRANSIENT, "likely to succeed on retry: AWS interrupted the task"),
    /** Exit code 137 or OutOfMemoryError: the container was killed. */
    KILLED(Advice.CONTENT, "consider a larger task definition, or fewer sources per bot"),
    /** The script wrote FAILED with its reason (a URL that 404s, a file it cannot parse, a sitemap). */
    CONTENT(Advice.CONTENT, "would fail again until the bot's knowledge is fixed"),
    /** Exit 1 or 2 before the script recorded anything: a bot it cannot read. */
    INPUT(Advice.CONTENT, "the script could not read the bot: check its record in the table"),
    /** MISSING past the grace, or forgotten by ECS. */
    LOST(Advice.TRANSIENT, "likely to succeed on retry: ECS lost track of the task"),
    /** Stopped: the run was cancelled, the task did not start in time, or someone stopped it. */
    STOPPED(Advice.TRANSIENT, "stopped before it finished: retry when ready"),
    /** RunTask refused the launch: settings, permissions. */
    CONFIGURATION(Advice.CONFIGURATION, "fix the ECS settings or permissions first"),
    /** Stored by versions before the kinds were refined: a failure likely to go away on retry. */
    TRANSIENT(Advice.TRANSIENT, "likely to succeed on retry");

    /** Today's coarse advice beside each kind: whether paying for another task is likely to help. */
    public enum Advice {
        TRANSIENT, CONTENT, CONFIGURATION
    }

    private final Advice group;
    private final String advice;

    FailureKind(Advice group, String advice) {
        this.group = group;
        this.advice = advice;
    }

    public String advice() {
        return advice;
    }

    public Advice group() {
        return group;
    }

    /**
     * Whether the engine retries this kind by itself: capacity, throttling, a failed start, an
     * interruption or a lost task say nothing about the bot and usually pass. A stop was asked for
     * (cancel, start timeout) and the others would fail the same way again.
     */
    public boolean retriedAutomatically() {
        return switch (this) {
            case CAPACITY, THROTTLED, START, INTERRUPTED, LOST -> true;
            default -> false;
        };
    }

    /** Why a failure of this kind is not retried automatically, for the page and the API. */
    public String notRetriedBecause() {
        return retriedAutomatically() ? null : "not retried automatically: " + word() + ": " + advice;
    }

    /** The kind a word names ("start", "CONTENT"), if any. */
    public static java.util.Optional<FailureKind> ofWord(String word) {
        for (FailureKind kind : values()) {
            if (kind.name().equalsIgnoreCase(word == null ? "" : word.trim())) {
                return java.util.Optional.of(kind);
            }
        }
        return java.util.Optional.empty();
    }

    /** A kind named by a client, or a refusal that names the words it could have used. */
    public static FailureKind parse(String word) {
        return ofWord(word).orElseThrow(() -> new RunRefusedException(RunRefusedException.Reason.BAD_SELECTION,
                "Unknown failure kind \"" + word + "\"; one of " + java.util.Arrays.stream(values())
                        .map(FailureKind::word).toList() + ". Nothing was retried."));
    }

    /** The kind as the API and the pages name it: "content", "killed". */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
