package io.reembed.stuck;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import io.reembed.bots.Bot;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Whether one RUNNING or QUEUED bot is stuck, and what shows it, from what ECS says about its
 * LastExecId task. RUNNING is written by the task itself once it runs, so a RUNNING bot whose task
 * has stopped (or that ECS has forgotten) was killed before it could write its result: stuck at
 * once. QUEUED comes before a task exists, so it gets time ({@code queuedAfter}) for the stack's
 * trigger to start one.
 */
final class StuckEvidence {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** What ECS said about the bot's task: its state, MISSING, or nothing (no LastExecId to ask about). */
    record TaskSeen(String lastStatus, String stopCode, String stoppedReason, Integer exitCode, Instant startedAt,
            Instant stoppedAt, boolean missing) {

        static final TaskSeen NOT_ASKED = new TaskSeen(null, null, null, null, null, null, false);
        static final TaskSeen MISSING = new TaskSeen(null, null, null, null, null, null, true);

        static TaskSeen of(Task task) {
            Integer exit = task.containers().stream().map(Container::exitCode).filter(code -> code != null).findFirst()
                    .orElse(null);
            return new TaskSeen(task.lastStatus(), task.stopCodeAsString(), task.stoppedReason(), exit,
                    task.startedAt(), task.stoppedAt(), false);
        }

        boolean known() {
            return lastStatus != null;
        }

        boolean stopped() {
            return "STOPPED".equals(lastStatus);
        }
    }

    private final Duration queuedAfter;
    private final Duration runningLongerThan;

    StuckEvidence(Duration queuedAfter, Duration runningLongerThan) {
        this.queuedAfter = queuedAfter;
        this.runningLongerThan = runningLongerThan;
    }

    /** The evidence, or null when the bot is not stuck (or not yet known to be). */
    String of(Bot bot, TaskSeen task, Instant seenSince, Instant now) {
        boolean running = "RUNNING".equals(bot.syncStatus());
        boolean waitedLongEnough = !Duration.between(seenSince, now).minus(queuedAfter).isNegative();
        String taskId = bot.lastExecId();
        if (task.stopped()) {
            String ending = stopped(taskId, task);
            if (running) {
                return ending + " without writing a result: SyncStatus still says RUNNING";
            }
            return waitedLongEnough ? queuedFor() + " and no new task: " + ending : null;
        }
        if (task.known()) {
            Instant started = task.startedAt();
            if (started != null && Duration.between(started, now).compareTo(runningLongerThan) > 0) {
                return "its task " + taskId + " has been running since " + TIME.format(started) + ", over "
                        + words(runningLongerThan);
            }
            return null;
        }
        if (task.missing()) {
            String gone = "ECS no longer knows its task " + taskId + " (stopped tasks are forgotten after about an hour)";
            if (running) {
                return gone + ": SyncStatus still says RUNNING";
            }
            return waitedLongEnough ? queuedFor() + " and " + gone : null;
        }
        if (running) {
            return "RUNNING with no task recorded (LastExecId empty)";
        }
        return waitedLongEnough ? queuedFor() + " with no task recorded (LastExecId empty): the stack's trigger did "
                + "not start one" : null;
    }

    private String queuedFor() {
        return queuedAfter.isZero() ? "QUEUED" : "QUEUED for over " + words(queuedAfter);
    }

    private static String stopped(String taskId, TaskSeen report) {
        StringBuilder text = new StringBuilder("its task ").append(taskId).append(" stopped");
        if (report.stoppedAt() != null) {
            text.append(" at ").append(TIME.format(report.stoppedAt()));
        }
        if (report.stopCode() != null) {
            text.append(" (").append(report.stopCode());
            if (report.stoppedReason() != null && !report.stoppedReason().isBlank()) {
                text.append(": ").append(report.stoppedReason());
            }
            if (report.exitCode() != null) {
                text.append(", exit code ").append(report.exitCode());
            }
            text.append(')');
        }
        return text.toString();
    }

    static String words(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds % 3600 == 0 && seconds > 0) {
            return seconds / 3600 + " h";
        }
        if (seconds % 60 == 0 && seconds > 0) {
            return seconds / 60 + " min";
        }
        return seconds + " s";
    }
}
