package io.reembed.bots;

import java.util.Set;

/** The bots this browser has ticked, as the bot list shows them: each row's box, and the count. */
public record TickedBots(Set<BotKey> keys) {

    public boolean contains(Bot bot) {
        return keys.contains(bot.key());
    }

    public int count() {
        return keys.size();
    }
}
