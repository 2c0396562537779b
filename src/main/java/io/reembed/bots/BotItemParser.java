package io.reembed.bots;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Reads a bot item defensively: older or hand-edited items can lack any attribute or carry one
 * of an unexpected type. Such a bot is still returned, with what could be read and a note.
 */
public final class BotItemParser {

    public static final String PK = "PK";
    public static final String SK = "SK";
    public static final String TITLE = "Title";
    public static final String KNOWLEDGE = "Knowledge";
    public static final String SYNC_STATUS = "SyncStatus";
    public static final String SYNC_STATUS_REASON = "SyncStatusReason";
    public static final String LAST_EXEC_ID = "LastExecId";
    public static final String LAST_BOT_USED = "LastBotUsed";
    public static final String PUBLIC_BOT_ID = "PublicBotId";

    /** The attributes the catalog projects: nothing else is read from the table. */
    public static final List<String> PROJECTED = List.of(PK, SK, TITLE, KNOWLEDGE, SYNC_STATUS,
            SYNC_STATUS_REASON, LAST_EXEC_ID, LAST_BOT_USED, PUBLIC_BOT_ID);

    public static final Set<String> SYNC_STATUSES = Set.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED",
            "ORIGINAL_NOT_FOUND");

    /** Epoch values above this are milliseconds (Bedrock Chat writes milliseconds; hand-made items may not). */
    private static final long MILLIS_THRESHOLD = 100_000_000_000L;

    private BotItemParser() {
    }

    /** The bot in the item, or null when the item is not a bot (an alias, a conversation, no keys). */
    public static Bot parse(Map<String, AttributeValue> item) {
        String pk = keyString(item.get(PK));
        String sk = keyString(item.get(SK));
        if (pk == null || !BotKey.isBotSortKey(sk)) {
            return null;
        }
        List<String> problems = new ArrayList<>();
        BotKey key = new BotKey(pk, sk);
        String status = string(item, SYNC_STATUS, problems);
        if (status != null && !SYNC_STATUSES.contains(status)) {
            problems.add("SyncStatus has an unknown value");
        }
        return new Bot(pk, sk, key.botId(),
                string(item, TITLE, problems),
                knowledge(item.get(KNOWLEDGE), problems),
                status,
                string(item, SYNC_STATUS_REASON, problems),
                string(item, LAST_EXEC_ID, problems),
                epoch(item, LAST_BOT_USED, problems),
                string(item, PUBLIC_BOT_ID, problems) != null,
                List.copyOf(problems));
    }

    private static String keyString(AttributeValue value) {
        return value == null ? null : value.s();
    }

    private static String string(Map<String, AttributeValue> item, String name, List<String> problems) {
        AttributeValue value = item.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        if (value.s() != null) {
            return value.s();
        }
        problems.add(name + " is not a string");
        return null;
    }

    private static Instant epoch(Map<String, AttributeValue> item, String name, List<String> problems) {
        AttributeValue value = item.get(name);
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return null;
        }
        String text = value.n() != null ? value.n() : value.s();
        try {
            long number = new BigDecimal(text).longValue();
            return number > MILLIS_THRESHOLD ? Instant.ofEpochMilli(number) : Instant.ofEpochSecond(number);
        } catch (RuntimeException e) {
            problems.add(name + " is not a number");
            return null;
        }
    }

    private static KnowledgeSummary knowledge(AttributeValue value, List<String> problems) {
        if (value == null || Boolean.TRUE.equals(value.nul())) {
            return KnowledgeSummary.NONE;
        }
        if (!value.hasM()) {
            problems.add("Knowledge is not a map");
            return KnowledgeSummary.NONE;
        }
        Map<String, AttributeValue> map = value.m();
        return new KnowledgeSummary(
                texts(map.get("source_urls"), "source_urls", problems),
                texts(map.get("sitemap_urls"), "sitemap_urls", problems),
                texts(map.get("filenames"), "filenames", problems));
    }

    private static List<String> texts(AttributeValue list, String name, List<String> problems) {
        if (list == null || Boolean.TRUE.equals(list.nul())) {
            return List.of();
        }
        if (list.hasL()) {
            return list.l().stream().map(AttributeValue::s).filter(v -> v != null && !v.isBlank()).toList();
        }
        if (list.hasSs()) {
            return List.copyOf(list.ss());
        }
        problems.add("Knowledge." + name + " is not a list");
        return List.of();
    }
}
