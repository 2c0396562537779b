package io.reembed.runs.service;

import java.util.List;
import java.util.function.Predicate;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.bots.BotQuery;
import io.reembed.bots.StuckBots;

/** What an administrator asked to re-embed: named bots, or every bot the list shows with a filter. */
public record Selection(List<BotKey> keys, BotQuery query, String description, String filterLabel) {

    public static Selection ofKeys(List<BotKey> keys) {
        return new Selection(List.copyOf(keys), null, keys.size() == 1 ? "1 selected bot" : keys.size() + " selected bots",
                "");
    }

    /** Every bot the list shows with this filter, on every page; the description says the filter in words. */
    public static Selection ofFilter(BotQuery query) {
        String description = query.filtered() ? "the bots shown with the filter: " + query.filterLabel() : "every bot";
        return new Selection(null, query, description, query.filterLabel());
    }

    /** The bots a filter selects, stuck ones as the last check found them. */
    public Predicate<Bot> filter(StuckBots.Report stuck) {
        return query.filter(stuck);
    }

    public boolean byKeys() {
        return keys != null;
    }
}
