package io.reembed.runs.api;

/** The body of {@code PATCH /api/runs/{id}}: the run's own share of tasks in flight (null: the global limit only). */
public record SteerRequest(Integer maxInFlight) {
}
