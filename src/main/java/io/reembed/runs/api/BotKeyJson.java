package io.reembed.runs.api;

import io.reembed.bots.BotKey;
import io.reembed.runs.SelectionException;

/** A bot named by its keys in the conversation table, as the API takes it. */
public record BotKeyJson(String pk, String sk) {

    BotKey toKey() {
        if (pk == null || sk == null || pk.isEmpty() || sk.isEmpty()) {
            throw new SelectionException("Every bot needs a \"pk\" and an \"sk\" string. Nothing was launched.");
        }
        return new BotKey(pk, sk);
    }
}
