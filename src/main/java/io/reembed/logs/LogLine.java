package io.reembed.logs;

import java.time.Instant;

/** One line of a task's log, as text (never markup), with the time the container wrote it. */
public record LogLine(Instant at, String text) {

    public boolean error() {
        return text.startsWith("ERROR:") || text.startsWith("Traceback") || text.matches("^[A-Za-z_.]+(Error|Exception)\\b.*");
    }
}
