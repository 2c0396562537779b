package io.reembed.runs.engine;

import java.time.Instant;

/**
 * Which copy of the console drives runs, and until when unless it renews. The token is the
 * holding process's own (copies may share a name): only the process that took the lease renews it.
 */
public record Lease(String holder, Instant expiresAt, String token) {
}
