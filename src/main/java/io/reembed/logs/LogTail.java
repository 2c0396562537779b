package io.reembed.logs;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.reembed.bots.BotKey;

/**
 * The end of one attempt's task log, kept with the run: the last lines, or a note saying why there
 * are none (not there yet, gone, not allowed), beside how ECS said the task ended.
 */
public record LogTail(int attempt, String taskId, String group, String stream, List<LogLine> lines, String note,
        String stopCode, String stoppedReason, Integer exitCode, Instant readAt) {

    /** The tail of one attempt of a bot among a run's tails (every attempt of every bot), if it was kept. */
    public static Optional<LogTail> of(Map<BotKey, List<LogTail>> tails, BotKey bot, int attempt) {
        return tails.getOrDefault(bot, List.of()).stream().filter(tail -> tail.attempt() == attempt).findFirst();
    }

    /** The last line that reads as an error, for a bot whose own reason says little. */
    public String lastErrorLine() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            LogLine line = lines.get(i);
            if (line.error() && !line.text().equals("ERROR:__main__:[ERROR] Failed to embed.")
                    && !line.text().startsWith("Traceback")) {
                return line.text();
            }
        }
        return null;
    }
}
