package io.reembed.runs.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.reembed.bots.BotKey;
import io.reembed.runs.BotSyncState;

/** The bots' SyncStatus as the embedding task leaves it; a bot nobody wrote to synced long ago. */
final class InMemorySyncStatus implements SyncStatusSource {

    private final Map<BotKey, BotSyncState> states = new ConcurrentHashMap<>();

    void write(BotKey key, String status, String reason, String taskId) {
        states.put(key, new BotSyncState(true, status, reason, taskId));
    }

    @Override
    public Map<BotKey, BotSyncState> read(List<BotKey> keys) {
        Map<BotKey, BotSyncState> found = new HashMap<>();
        keys.forEach(key -> found.put(key, states.getOrDefault(key,
                new BotSyncState(true, "SUCCEEDED", "Successfully inserted to vector store.", "an-older-task"))));
        return found;
    }
}
