package io.reembed.runs.web;

import java.util.List;

/**
 * One update of a run's live page, as the update stream sends it (JSON): the parts that changed
 * (each an element with its id, replacing the one with the same id), the bots' rows in their new
 * order when it changed (ids), the rows that changed or are new, and the server's time of the
 * reading in epoch milliseconds (the browser counts running tasks' time from it).
 */
public record RunPageUpdate(String parts, List<String> order, String rows, long at) {
}
