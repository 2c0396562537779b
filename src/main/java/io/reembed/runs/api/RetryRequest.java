package io.reembed.runs.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.reembed.bots.BotKey;
import io.reembed.runs.SelectionException;

/**
 * The optional body of {@code POST /api/runs/{id}/retry}: one bot, or a list of them (in any
 * finished state), or (absent) every failed bot.
 */
public record RetryRequest(BotKeyJson bot, List<BotKeyJson> bots) {

    Set<BotKey> keys() {
        if (bot == null && bots != null && bots.isEmpty()) {
            throw new SelectionException("\"bots\" names no bot; nothing was retried. Leave the body out to retry every "
                    + "failed bot.");
        }
        Set<BotKey> keys = new LinkedHashSet<>();
        if (bot != null) {
            keys.add(bot.toKey());
        }
        if (bots != null) {
            bots.forEach(named -> keys.add(named.toKey()));
        }
        return keys;
    }
}
