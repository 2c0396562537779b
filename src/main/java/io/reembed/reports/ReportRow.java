package io.reembed.reports;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.reembed.runs.RunBot;

/** One bot of a run as the reports give it: the same fields, in the same order, in CSV and JSON. */
record ReportRow(String pk, String sk, String botId, String title, String state, int attempts, String taskArn,
        Instant queuedAt, Instant launchedAt, Instant startedAt, Instant finishedAt, Double durationSeconds,
        String stopCode, Integer exitCode, String syncStatus, String reason, String failureKind) {

    static final List<String> HEADER = List.of("pk", "sk", "botId", "title", "state", "attempts", "taskArn",
            "queuedAt", "launchedAt", "startedAt", "finishedAt", "durationSeconds", "stopCode", "exitCode",
            "syncStatus", "reason", "failureKind");

    static ReportRow of(RunBot bot) {
        Double duration = bot.launchedAt() == null || bot.finishedAt() == null ? null
                : Duration.between(bot.launchedAt(), bot.finishedAt()).toMillis() / 1000.0;
        return new ReportRow(bot.pk(), bot.sk(), bot.botId(), bot.title(), bot.state().name(), bot.attempt(),
                bot.taskArn(), bot.queuedAt(), bot.launchedAt(), bot.startedAt(), bot.finishedAt(), duration,
                bot.stopCode(), bot.exitCode(), bot.syncStatus(), bot.reason(),
                bot.failureKind() == null ? null : bot.failureKind().word());
    }

    List<String> csvCells() {
        return List.of(CsvCells.text(pk), CsvCells.text(sk), CsvCells.text(botId), CsvCells.text(title),
                CsvCells.text(state), CsvCells.number(attempts), CsvCells.text(taskArn), time(queuedAt),
                time(launchedAt), time(startedAt), time(finishedAt), CsvCells.number(durationSeconds),
                CsvCells.text(stopCode), CsvCells.number(exitCode), CsvCells.text(syncStatus), CsvCells.text(reason),
                CsvCells.text(failureKind));
    }

    private static String time(Instant at) {
        return at == null ? "" : at.toString();
    }
}
