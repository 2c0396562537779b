package io.reembed.runs;

import java.time.Instant;

/** Who did what to a run, and when. */
public record AuditEvent(Instant at, String who, String action, String detail) {
}
