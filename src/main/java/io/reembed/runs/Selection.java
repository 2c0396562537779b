package io.reembed.runs;

import java.util.List;
import java.util.function.Predicate;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.bots.BotQuery;

/** What an administrator asked to re-embed: named bots, everything matching a filter, or a preset. */
public record Selection(List<BotKey> keys, Predicate<Bot> filter, String description) {

    public enum Preset {
        KNOWLEDGE("all bots with knowledge"),
        FAILED("bots whose last sync failed or that never synced"),
        ALL("every bot");

        private final String label;

        Preset(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static Selection ofKeys(List<BotKey> keys) {
        return new Selection(List.copyOf(keys), null, keys.size() + " selected bot" + (keys.size() == 1 ? "" : "s"));
    }

    public static Selection ofFilter(BotQuery query) {
        String description = query.filtered() ? "every bot matching the filter" : "every bot";
        return new Selection(null, query.filter(), description);
    }

    public static Selection ofPreset(Preset preset) {
        Predicate<Bot> filter = switch (preset) {
            case KNOWLEDGE -> Bot::hasKnowledge;
            case FAILED -> bot -> bot.syncStatus() == null || "FAILED".equals(bot.syncStatus());
            case ALL -> bot -> true;
        };
        return new Selection(null, filter, preset.label());
    }

    public boolean byKeys() {
        return keys != null;
    }
}
