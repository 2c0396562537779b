package io.reembed.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.reembed.bots.BotKey;

/**
 * One bot of a run and everything known about its current attempt. Immutable: every change
 * makes a new value, which the engine stores before it acts on it.
 */
public record RunBot(
        String pk,
        String sk,
        String botId,
        String title,
        BotState state,
        int attempt,
        int launchTry,
        String clientToken,
        String taskArn,
        String lastStatus,
        String stopCode,
        Integer exitCode,
        String syncStatus,
        String syncStatusReason,
        String reason,
        FailureKind failureKind,
        Instant queuedAt,
        Instant launchedAt,
        Instant startedAt,
        Instant finishedAt,
        Instant nextTryAt,
        String stopReason,
        List<Attempt> earlier,
        String queuedSyncStatus,
        String queuedExecId,
        int sources) {

    /** {@link #sources} when it was not recorded (runs stored before it was). */
    public static final int SOURCES_UNKNOWN = -1;

    public static RunBot queued(String pk, String sk, String botId, String title, Instant now) {
        return queued(pk, sk, botId, title, now, null, null, SOURCES_UNKNOWN);
    }

    /**
     * A bot as it joins a run, with its SyncStatus and LastExecId as the catalog read them then: a
     * bot that shows another embedding started after that is skipped rather than launched alongside.
     * {@code sources}: its URLs, sitemaps and files then, which estimates of later runs learn from.
     */
    public static RunBot queued(String pk, String sk, String botId, String title, Instant now, String syncStatus,
            String lastExecId, int sources) {
        return new RunBot(pk, sk, botId, title, BotState.QUEUED, 1, 0, null, null, null, null, null, null, null, null,
                null, now, null, null, null, null, null, List.of(), syncStatus, lastExecId, sources);
    }

    public BotKey key() {
        return new BotKey(pk, sk);
    }

    public String ref() {
        return io.reembed.bots.BotRef.of(key());
    }

    /**
     * An element id for the bot's log row, hex only (htmx finds preserved elements with a CSS
     * selector, in which the "." of a ref would read as a class), and short: the first 12 bytes of
     * the SHA-256 of its key, not the key itself, which every row would carry three times.
     */
    public String logRowId() {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(ref().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return "log-" + java.util.HexFormat.of().formatHex(digest, 0, 12);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    public String displayTitle() {
        return title == null || title.isBlank() ? "(untitled)" : title;
    }

    public String taskId() {
        return taskArn == null ? null : taskArn.substring(taskArn.lastIndexOf('/') + 1);
    }

    public boolean dueAt(Instant now) {
        return nextTryAt == null || !now.isBefore(nextTryAt);
    }

    /** About to call RunTask with this token; stored first, so a restart calls again with the same one. */
    public RunBot launching(String token) {
        return edit().state(BotState.LAUNCHING).clientToken(token).launchTry(launchTry + 1).nextTryAt(null).done();
    }

    public RunBot launched(String arn, String status, Instant now) {
        return edit().state(BotState.STARTING).taskArn(arn).lastStatus(status).launchedAt(now).reason(null)
                .nextTryAt(null).done();
    }

    /** No task was started (capacity): wait, then launch with a fresh token. */
    public RunBot requeued(String why, Instant retryAt) {
        return edit().state(BotState.QUEUED).clientToken(null).reason(why).nextTryAt(retryAt).done();
    }

    /** The outcome of the call is unknown or throttled: call again later with the same token. */
    public RunBot launchLater(String why, Instant retryAt) {
        return edit().reason(why).nextTryAt(retryAt).done();
    }

    /** What ECS says of a task not yet STOPPED; its container's exit code as soon as ECS reports it. */
    public RunBot observed(BotState newState, String status, Instant startedAt, Integer containerExit) {
        return edit().state(newState).lastStatus(status).startedAt(startedAt == null ? this.startedAt : startedAt)
                .exitCode(containerExit == null ? exitCode : containerExit).done();
    }

    /** The container has exited and ECS is tearing the task down (DEACTIVATING to DEPROVISIONING): not STOPPED yet. */
    public boolean finishing() {
        return state == BotState.RUNNING && lastStatus != null && java.util.Set.of("DEACTIVATING", "STOPPING",
                "DEPROVISIONING").contains(lastStatus);
    }

    public RunBot finished(Verdict verdict, Instant now) {
        return edit().state(verdict.state()).lastStatus(verdict.lastStatus()).stopCode(verdict.stopCode())
                .exitCode(verdict.exitCode()).syncStatus(verdict.syncStatus())
                .syncStatusReason(verdict.syncStatusReason()).reason(verdict.reason())
                .failureKind(verdict.kind()).finishedAt(now).nextTryAt(null).done();
    }

    public RunBot failed(String why, FailureKind kind, Instant now) {
        return edit().state(BotState.FAILED).reason(why).failureKind(kind).finishedAt(now).nextTryAt(null).done();
    }

    /** StopTask is to be (or was) asked for, for this reason; the bot stays tracked until ECS says STOPPED. */
    public RunBot stopping(String why) {
        return edit().stopReason(why).reason("Stopping: " + why).done();
    }

    public boolean stopRequested() {
        return stopReason != null;
    }

    /** Said when StopTask was answered, or when it could not be sent. */
    public RunBot noted(String why) {
        return edit().reason(why).done();
    }

    public RunBot cancelled(String why, Instant now) {
        return edit().state(BotState.CANCELLED).reason(why).finishedAt(now).nextTryAt(null).done();
    }

    /** Not launched: the bot's own record shows another embedding of it under way. */
    public RunBot skipped(String why, BotSyncState seen, Instant now) {
        return edit().state(BotState.SKIPPED).syncStatus(seen.syncStatus()).syncStatusReason(seen.syncStatusReason())
                .reason(why).finishedAt(now).nextTryAt(null).done();
    }

    /**
     * Why the bot should not be launched now, or null: its SyncStatus is QUEUED or RUNNING, and it
     * was not so (for that task) when the bot joined the run, and the task is none of this run's.
     * That is the stack's own trigger at work (someone edited the bot), which embeds it already.
     */
    public String embeddedElsewhere(BotSyncState now) {
        String status = now.syncStatus();
        if (!now.exists() || !("RUNNING".equals(status) || "QUEUED".equals(status))) {
            return null;
        }
        if (java.util.Objects.equals(status, queuedSyncStatus) && java.util.Objects.equals(now.lastExecId(), queuedExecId)) {
            return null;
        }
        boolean ours = now.lastExecId() != null && earlier.stream().map(Attempt::taskId)
                .anyMatch(now.lastExecId()::equals);
        if (ours && "RUNNING".equals(status)) {
            return null;
        }
        return "Skipped: the bot's SyncStatus turned " + status + (now.lastExecId() == null ? ""
                : " (task " + now.lastExecId() + ")") + " while it waited in this run, so something else (the stack's "
                + "own trigger, after the bot was edited) is embedding it already";
    }

    /** A new attempt, asked for by an operator: back to the queue; the last attempt's results are kept in {@link #earlier}. */
    public RunBot retried(Instant now, String who) {
        return nextAttempt(now, who, null, null);
    }

    /** A new attempt the engine asked for after a transient failure, launched no sooner than {@code notBefore}. */
    public RunBot retriedAutomatically(Instant now, Instant notBefore) {
        String why = "Retrying automatically (" + (automaticRetries() + 1) + ") after " + failureKind.word()
                + ": " + reason;
        return nextAttempt(now, Attempt.AUTOMATIC, why, notBefore);
    }

    private RunBot nextAttempt(Instant now, String who, String why, Instant notBefore) {
        List<Attempt> attempts = new ArrayList<>(earlier);
        attempts.add(new Attempt(attempt, state, taskArn, launchedAt, finishedAt, lastStatus, stopCode, exitCode,
                syncStatus, reason, failureKind, who));
        return new RunBot(pk, sk, botId, title, BotState.QUEUED, attempt + 1, 0, null, null, null, null, null, null,
                null, why, null, now, null, null, null, notBefore, null, List.copyOf(attempts), queuedSyncStatus,
                queuedExecId, sources);
    }

    /** Automatic retries since the last attempt an operator asked for: an operator's retry starts a new budget. */
    public int automaticRetries() {
        int count = 0;
        for (int i = earlier.size() - 1; i >= 0 && earlier.get(i).retriedAutomatically(); i--) {
            count++;
        }
        return count;
    }

    /** How long the current attempt has taken so far, or took. */
    public Duration elapsed(Instant now) {
        if (launchedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(launchedAt, finishedAt != null ? finishedAt : now);
    }

    private Editor edit() {
        return new Editor(this);
    }

    /** Copies a value with a few fields changed; keeps the transitions above readable. */
    private static final class Editor {
        private final RunBot from;
        private BotState state;
        private int launchTry;
        private String clientToken;
        private String taskArn;
        private String lastStatus;
        private String stopCode;
        private Integer exitCode;
        private String syncStatus;
        private String syncStatusReason;
        private String reason;
        private FailureKind failureKind;
        private Instant launchedAt;
        private Instant startedAt;
        private Instant finishedAt;
        private Instant nextTryAt;
        private String stopReason;

        Editor(RunBot from) {
            this.from = from;
            state = from.state;
            launchTry = from.launchTry;
            clientToken = from.clientToken;
            taskArn = from.taskArn;
            lastStatus = from.lastStatus;
            stopCode = from.stopCode;
            exitCode = from.exitCode;
            syncStatus = from.syncStatus;
            syncStatusReason = from.syncStatusReason;
            reason = from.reason;
            failureKind = from.failureKind;
            launchedAt = from.launchedAt;
            startedAt = from.startedAt;
            finishedAt = from.finishedAt;
            nextTryAt = from.nextTryAt;
            stopReason = from.stopReason;
        }

        Editor state(BotState value) { state = value; return this; }
        Editor launchTry(int value) { launchTry = value; return this; }
        Editor clientToken(String value) { clientToken = value; return this; }
        Editor taskArn(String value) { taskArn = value; return this; }
        Editor lastStatus(String value) { lastStatus = value; return this; }
        Editor stopCode(String value) { stopCode = value; return this; }
        Editor exitCode(Integer value) { exitCode = value; return this; }
        Editor syncStatus(String value) { syncStatus = value; return this; }
        Editor syncStatusReason(String value) { syncStatusReason = value; return this; }
        Editor reason(String value) { reason = value; return this; }
        Editor failureKind(FailureKind value) { failureKind = value; return this; }
        Editor launchedAt(Instant value) { launchedAt = value; return this; }
        Editor startedAt(Instant value) { startedAt = value; return this; }
        Editor finishedAt(Instant value) { finishedAt = value; return this; }
        Editor nextTryAt(Instant value) { nextTryAt = value; return this; }
        Editor stopReason(String value) { stopReason = value; return this; }

        RunBot done() {
            return new RunBot(from.pk, from.sk, from.botId, from.title, state, from.attempt, launchTry, clientToken,
                    taskArn, lastStatus, stopCode, exitCode, syncStatus, syncStatusReason, reason, failureKind,
                    from.queuedAt, launchedAt, startedAt, finishedAt, nextTryAt, stopReason, from.earlier,
                    from.queuedSyncStatus, from.queuedExecId, from.sources);
        }
    }
}
