package io.reembed.runs.api;

/** The body of {@code PATCH /api/engine/limits}: either value may be left out to keep it. */
public record LimitsRequest(Double runTaskRate, Integer maxInFlight) {
}
