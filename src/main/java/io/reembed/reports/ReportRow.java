package io.reembed.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.reembed.runs.Attempt;
import io.reembed.runs.RunBot;

/**
 * One attempt of one bot as the reports give it, title first: the same fields, in the same order, in
 * CSV and JSON. The CSV has a row per attempt (earlier ones first); the JSON a row per bot, its current
 * attempt, with the earlier ones in {@code earlierAttempts}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ReportRow(String title, String state, String failureKind, String reason, int attempt, String botId, String pk,
        String sk, String taskArn, Instant queuedAt, Instant launchedAt, Instant startedAt, Instant finishedAt,
        Double durationSeconds, String stopCode, Integer exitCode, String syncStatus, List<ReportRow> earlierAttempts) {

    static final List<String> HEADER = List.of("title", "state", "failureKind", "reason", "attempt", "botId", "pk", "sk",
            "taskArn", "queuedAt (UTC)", "launchedAt (UTC)", "startedAt (UTC)", "finishedAt (UTC)", "durationSeconds",
            "stopCode", "exitCode", "syncStatus");

    /** Times as spreadsheets read them (a date and a time, to the millisecond), all in UTC. */
    private static final DateTimeFormatter SPREADSHEET_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS")
            .withZone(ZoneOffset.UTC);

    /** The bot's current attempt, with its earlier ones. */
    static ReportRow of(RunBot bot) {
        return new ReportRow(bot.title(), bot.state().name(), bot.failureKind() == null ? null : bot.failureKind().word(),
                bot.reason(), bot.attempt(), bot.botId(), bot.pk(), bot.sk(), bot.taskArn(), bot.queuedAt(),
                bot.launchedAt(), bot.startedAt(), bot.finishedAt(), seconds(bot.launchedAt(), bot.finishedAt()),
                bot.stopCode(), bot.exitCode(), bot.syncStatus(),
                bot.earlier().stream().map(attempt -> earlier(bot, attempt)).toList());
    }

    private static ReportRow earlier(RunBot bot, Attempt attempt) {
        return new ReportRow(bot.title(), attempt.state().name(),
                attempt.failureKind() == null ? null : attempt.failureKind().word(), attempt.reason(), attempt.number(),
                bot.botId(), bot.pk(), bot.sk(), attempt.taskArn(), null, attempt.launchedAt(), null,
                attempt.finishedAt(), seconds(attempt.launchedAt(), attempt.finishedAt()), attempt.stopCode(),
                attempt.exitCode(), attempt.syncStatus(), List.of());
    }

    private static Double seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toMillis() / 1000.0;
    }

    /** The CSV's rows of this bot: each earlier attempt, then the current one. */
    List<List<String>> csvRows() {
        List<List<String>> rows = new ArrayList<>();
        earlierAttempts.forEach(earlier -> rows.add(earlier.csvCells()));
        rows.add(csvCells());
        return rows;
    }

    private List<String> csvCells() {
        return List.of(CsvCells.text(title), CsvCells.text(state), CsvCells.text(failureKind), CsvCells.text(reason),
                CsvCells.number(attempt), CsvCells.text(botId), CsvCells.text(pk), CsvCells.text(sk),
                CsvCells.text(taskArn), time(queuedAt), time(launchedAt), time(startedAt), time(finishedAt),
                CsvCells.number(durationSeconds), CsvCells.text(stopCode), CsvCells.number(exitCode),
                CsvCells.text(syncStatus));
    }

    private static String time(Instant at) {
        return at == null ? "" : SPREADSHEET_TIME.format(at);
    }
}
