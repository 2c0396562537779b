package io.reembed.runs.api;

import io.reembed.bots.BotQuery;

/** The bot list's filters, as {@code POST /api/runs} takes them: every bot matching all of them. */
public record RunFilter(String q, SyncStatusFilter status, Boolean hasKnowledge) {

    /** The SyncStatus values a filter can ask for; NONE is a bot that never synced. */
    public enum SyncStatusFilter {
        QUEUED, RUNNING, SUCCEEDED, FAILED, ORIGINAL_NOT_FOUND, NONE
    }

    BotQuery toQuery() {
        String knowledge = hasKnowledge == null ? null : hasKnowledge ? "yes" : "no";
        return BotQuery.of(q, status == null ? null : status.name(), knowledge, null, null, 1);
    }
}
