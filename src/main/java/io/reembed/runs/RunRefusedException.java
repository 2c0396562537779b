package io.reembed.runs;

/**
 * A run request the console will not carry out; nothing was launched or changed. The reason
 * decides the HTTP status, the same for pages and the API.
 */
public class RunRefusedException extends RuntimeException {

    public enum Reason {
        /** The selection names no bot, or bots that are not in the table. */
        BAD_SELECTION(400, "Nothing to launch"),
        /** A bot reference of a run request is not part of the run. */
        UNKNOWN_BOT(400, "Unknown bot"),
        NO_SUCH_RUN(404, "No such run"),
        /** A run has no bot with that key. */
        NO_SUCH_BOT(404, "No such bot"),
        /** The ECS settings are incomplete. */
        SETTINGS_MISSING(409, "Nothing to launch"),
        /** Every selected bot is being re-embedded by another run. */
        ALREADY_RUNNING(409, "Nothing to launch"),
        ALREADY_ENDED(409, "The run has already ended"),
        /** A run paused by its spending cap cannot go on before the cap is raised. */
        CAP_REACHED(409, "The spending cap is reached"),
        NOTHING_TO_RETRY(409, "Nothing retried"),
        /** A confirmation page that has expired or was already used. */
        DRAFT_EXPIRED(409, "This confirmation has expired"),
        /** Every selected bot was left out (no knowledge). */
        ALL_LEFT_OUT(422, "Nothing to launch"),
        /** The bot list or the run engine cannot be reached now. */
        UNAVAILABLE(503, "Not available");

        private final int status;
        private final String title;

        Reason(int status, String title) {
            this.status = status;
            this.title = title;
        }

        public int status() {
            return status;
        }

        public String title() {
            return title;
        }
    }

    private final Reason reason;

    public RunRefusedException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
