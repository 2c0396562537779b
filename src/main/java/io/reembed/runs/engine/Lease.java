package io.reembed.runs.engine;

import java.time.Instant;

/** Which copy of the console drives runs, and until when unless it renews. */
public record Lease(String holder, Instant expiresAt) {
}
