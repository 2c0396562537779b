package io.reembed.bots;

/** The primary key of a bot item: PK is the owner's user id, SK is {@code <userId>#BOT#<botId>}. */
public record BotKey(String pk, String sk) {

    public static final String BOT_MARKER = "#BOT#";

    public static boolean isBotSortKey(String sk) {
        return sk != null && sk.contains(BOT_MARKER);
    }

    public String botId() {
        int at = sk.indexOf(BOT_MARKER);
        return at < 0 ? sk : sk.substring(at + BOT_MARKER.length());
    }
}
