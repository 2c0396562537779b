package io.reembed.runs.api;

import java.util.List;

import io.reembed.runs.service.Selection;
import io.reembed.runs.SelectionException;
import io.reembed.runs.Steering;

/** The body of {@code POST /api/runs}: named bots or a filter, never both. Unknown keys are refused. */
public record StartRunRequest(List<BotKeyJson> bots, RunFilter filter, boolean includeWithoutKnowledge, BrakeJson brake,
        Integer maxInFlight, Double costCapUsd) {

    /** The failure brake asked for (the defaults when absent) and the run's own share of tasks in flight, if any. */
    Steering steering() {
        if (maxInFlight != null && maxInFlight < 1) {
            throw new SelectionException("\"maxInFlight\" must be 1 or more. Nothing was launched.");
        }
        return (brake == null ? Steering.DEFAULT : brake.steering()).maxInFlight(maxInFlight);
    }

    Selection selection() {
        if ((bots == null) == (filter == null)) {
            throw new SelectionException("Send either \"bots\": [{\"pk\": ..., \"sk\": ...}] or \"filter\": "
                    + "{\"q\", \"status\", \"hasKnowledge\"}. Nothing was launched.");
        }
        if (bots != null) {
            return Selection.ofKeys(bots.stream().map(bot -> {
                if (bot == null) {
                    throw new SelectionException("\"bots\" must not contain null. Nothing was launched.");
                }
                return bot.toKey();
            }).toList());
        }
        return Selection.ofFilter(filter.toQuery());
    }
}
