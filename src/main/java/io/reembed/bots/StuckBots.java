package io.reembed.bots;

import java.time.Instant;
import java.util.Map;

/**
 * Bots whose SyncStatus says an embedding is under way that ECS says is not: the task stopped
 * without writing a result, ECS no longer knows it, or none was ever started. Asking never waits
 * for AWS: it answers what the last check found and starts a new check in the background when due.
 */
public interface StuckBots {

    /** One stuck bot and what shows it. */
    record Stuck(BotKey key, String evidence) {
    }

    /**
     * What the last check of these bots found. {@code checking}: a check is under way; {@code
     * problem}: the last one could not ask ECS ("could not check: …"); {@code checkedAt} null: none
     * has finished yet; {@code describeCalls}: the DescribeTasks calls that check made.
     */
    record Report(Map<BotKey, Stuck> stuck, int candidates, Instant checkedAt, boolean checking, String problem,
            int describeCalls) {

        public static final Report NONE = new Report(Map.of(), 0, null, false, null, 0);

        public Stuck of(Bot bot) {
            return stuck.get(bot.key());
        }

        public boolean isStuck(Bot bot) {
            return stuck.containsKey(bot.key());
        }

        public int count() {
            return stuck.size();
        }
    }

    Report report(CatalogSnapshot snapshot);
}
