package io.reembed.runs.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.reembed.bots.BotKey;

/**
 * What the copy that drives runs last read or wrote of each run it holds: the version of the run's
 * item and of each bot's, and how many audit events are stored as items. Its writes are conditional
 * on these; a run let go is forgotten. Views that only read keep nothing ({@link #NONE}).
 */
final class ItemVersions {

    static final ItemVersions NONE = new ItemVersions(false);

    private final boolean keeps;
    private final Map<String, Long> runs = new ConcurrentHashMap<>();
    private final Map<String, Integer> audits = new ConcurrentHashMap<>();
    private final Map<String, Map<BotKey, Long>> bots = new ConcurrentHashMap<>();

    private ItemVersions(boolean keeps) {
        this.keeps = keeps;
    }

    static ItemVersions kept() {
        return new ItemVersions(true);
    }

    /** The run item's version as last read or written; null for a run not held (a new one). */
    Long run(String runId) {
        return runs.get(runId);
    }

    /** How many audit events of a held run are stored as items; 0 for a new one. */
    int auditStored(String runId) {
        return audits.getOrDefault(runId, 0);
    }

    Long bot(String runId, BotKey key) {
        Map<BotKey, Long> known = bots.get(runId);
        return known == null ? null : known.get(key);
    }

    void run(String runId, long version, int auditStored) {
        if (keeps) {
            runs.put(runId, version);
            audits.put(runId, auditStored);
        }
    }

    void bot(String runId, BotKey key, long version) {
        if (keeps) {
            bots.computeIfAbsent(runId, id -> new ConcurrentHashMap<>()).put(key, version);
        }
    }

    void forget(String runId) {
        runs.remove(runId);
        audits.remove(runId);
        bots.remove(runId);
    }

    /** Runs remembered: the runs the engine holds. For the test that nothing grows. */
    int runsKept() {
        return Math.max(runs.size(), bots.size());
    }
}
