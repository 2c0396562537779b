package io.reembed.runs.api;

/**
 * The body of {@code PATCH /api/runs/{id}}: the run's own share of tasks in flight (null: the global
 * limit only), or its spending cap in dollars (0 removes it); a body with only the cap leaves the share.
 */
public record SteerRequest(Integer maxInFlight, Double costCapUsd) {
}
