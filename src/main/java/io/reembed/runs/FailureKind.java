package io.reembed.runs;

/** Whether a failure is likely to go away on retry: the operator decides what to pay for again. */
public enum FailureKind {
    /** Capacity, throttling, start-up, a lost or killed task: a retry usually succeeds. */
    TRANSIENT("likely to succeed on retry"),
    /** The bot's content (a page that cannot be loaded, a file that cannot be parsed): fails again. */
    CONTENT("likely to fail again: check the bot's knowledge"),
    /** The launch itself was refused (settings, permissions): fix the configuration first. */
    CONFIGURATION("fix the ECS settings or permissions first");

    private final String advice;

    FailureKind(String advice) {
        this.advice = advice;
    }

    public String advice() {
        return advice;
    }
}
