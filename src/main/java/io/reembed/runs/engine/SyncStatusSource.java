package io.reembed.runs.engine;

import java.util.List;
import java.util.Map;

import io.reembed.bots.BotKey;
import io.reembed.runs.BotSyncState;

/** The bots' own record of their last embedding (SyncStatus, reason, LastExecId). Read only. */
public interface SyncStatusSource {

    /** One state per key; {@link BotSyncState#GONE} for a bot no longer in the table. */
    Map<BotKey, BotSyncState> read(List<BotKey> keys);
}
