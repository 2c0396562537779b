package io.reembed.bots;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * One bot item of the conversation table, as far as it could be read. Any attribute but the
 * keys may be absent; what could not be read is listed in {@code problems}.
 */
public record Bot(
        String pk,
        String sk,
        String botId,
        String title,
        KnowledgeSummary knowledge,
        String syncStatus,
        String syncStatusReason,
        String lastExecId,
        Instant lastBotUsed,
        boolean shared,
        List<String> problems) {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    public BotKey key() {
        return new BotKey(pk, sk);
    }

    /** The same bot with its SyncStatus, reason and LastExecId as read just now. */
    public Bot withSyncState(String status, String reason, String execId) {
        return new Bot(pk, sk, botId, title, knowledge, status, reason, execId, lastBotUsed, shared, problems);
    }

    public String ref() {
        return BotRef.of(key());
    }

    public boolean hasTitle() {
        return title != null && !title.isBlank();
    }

    public String displayTitle() {
        return hasTitle() ? title : "(untitled)";
    }

    public boolean hasKnowledge() {
        return knowledge.hasKnowledge();
    }

    public String syncStatusLabel() {
        return syncStatus == null ? "NONE" : syncStatus;
    }

    public String lastUsedLabel() {
        return lastBotUsed == null ? "" : TIME.format(lastBotUsed);
    }

    public boolean malformed() {
        return !problems.isEmpty();
    }

    /** Its Knowledge field is there but cannot be read (not a map, a list that is a string): not "no knowledge". */
    public boolean knowledgeUnreadable() {
        return problems.stream().anyMatch(problem -> problem.startsWith("Knowledge"));
    }

    /** "3 URLs, 1 file", "none", or "unreadable" when the field cannot be read. */
    public String knowledgeLabel() {
        return knowledgeUnreadable() && !hasKnowledge() ? "unreadable" : knowledge.label();
    }

    public String problemsLabel() {
        return String.join("; ", problems);
    }
}
