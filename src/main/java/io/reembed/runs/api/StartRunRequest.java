package io.reembed.runs.api;

import java.util.List;

import io.reembed.runs.Selection;
import io.reembed.runs.SelectionException;

/** The body of {@code POST /api/runs}: named bots or a filter, never both. Unknown keys are refused. */
public record StartRunRequest(List<BotKeyJson> bots, RunFilter filter, boolean includeWithoutKnowledge) {

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
