package io.reembed.local;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Builds items shaped as Bedrock Chat writes them: bots, aliases and conversations. */
public final class BotItems {

    private BotItems() {
    }

    public static Builder bot(String userId, String botId) {
        return new Builder().put("PK", userId).put("SK", userId + "#BOT#" + botId);
    }

    public static Map<String, AttributeValue> alias(String userId, String aliasId, String originalOwner,
            String originalBotId, String title, long lastUsedMillis) {
        return new Builder().put("PK", userId).put("SK", userId + "#BOT_ALIAS#" + aliasId)
                .put("Title", title).put("OriginalBotId", originalBotId).put("OriginalBotOwner", originalOwner)
                .number("CreateTime", lastUsedMillis - 86_400_000L).number("LastBotUsed", lastUsedMillis)
                .put("IsPinned", AttributeValue.fromBool(false)).build();
    }

    public static Map<String, AttributeValue> conversation(String userId, String conversationId, String botId,
            String title, String messageMapJson, long createTimeMillis) {
        Builder item = new Builder().put("PK", userId).put("SK", userId + "#CONV#" + conversationId)
                .put("Title", title).number("CreateTime", createTimeMillis)
                .put("MessageMap", messageMapJson).put("LastMessageId", "assistant-" + conversationId)
                .number("TotalPrice", 0.0125);
        if (botId != null) {
            item.put("BotId", botId);
        }
        return item.build();
    }

    public static final class Builder {
        private final Map<String, AttributeValue> item = new LinkedHashMap<>();

        public Builder put(String name, String value) {
            item.put(name, AttributeValue.fromS(value));
            return this;
        }

        public Builder put(String name, AttributeValue value) {
            item.put(name, value);
            return this;
        }

        public Builder number(String name, Number value) {
            item.put(name, AttributeValue.fromN(value.toString()));
            return this;
        }

        public Builder title(String title) {
            return put("Title", title);
        }

        public Builder knowledge(List<String> sourceUrls, List<String> sitemapUrls, List<String> filenames) {
            return put("Knowledge", AttributeValue.fromM(Map.of(
                    "source_urls", list(sourceUrls),
                    "sitemap_urls", list(sitemapUrls),
                    "filenames", list(filenames))));
        }

        public Builder syncStatus(String status, String reason) {
            put("SyncStatus", status);
            return reason == null ? this : put("SyncStatusReason", reason);
        }

        public Builder lastExecId(String taskId) {
            return put("LastExecId", taskId);
        }

        public Builder lastBotUsed(long millis) {
            return number("LastBotUsed", millis);
        }

        public Builder without(String name) {
            item.remove(name);
            return this;
        }

        public Map<String, AttributeValue> build() {
            return Map.copyOf(item);
        }

        private static AttributeValue list(List<String> values) {
            return AttributeValue.fromL(values.stream().map(AttributeValue::fromS).toList());
        }
    }
}
