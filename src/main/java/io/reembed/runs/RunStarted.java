package io.reembed.runs;

import java.util.List;

import io.reembed.bots.Bot;

/** A run was stored and its engine took it: the bots it launches, and its own share of tasks in flight (or null). */
public record RunStarted(String runId, List<Bot> bots, Integer maxInFlight) {
}
