package io.reembed.runs.api;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.reembed.bots.BotKey;
import io.reembed.runs.FailureKind;
import io.reembed.runs.SelectionException;

/**
 * The optional body of {@code POST /api/runs/{id}/retry}: one bot, or a list of them (in any
 * finished state), or every failed bot of one failure kind ({@code "kind": "start"}), or (absent)
 * every failed bot.
 */
public record RetryRequest(BotKeyJson bot, List<BotKeyJson> bots, String kind) {

    FailureKind failureKind() {
        if (kind == null) {
            return null;
        }
        if (bot != null || bots != null) {
            throw new SelectionException("Name bots or a failure kind, not both; nothing was retried.");
        }
        return FailureKind.parse(kind);
    }

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
