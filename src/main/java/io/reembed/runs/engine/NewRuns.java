package io.reembed.runs.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.runs.AuditEvent;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;

/** Stores a new run of the bots no active run holds: its bots first, then its record, as a restart expects. */
final class NewRuns {

    private static final RunIds IDS = new RunIds();

    record Stored(Run run, List<RunBot> queued, List<Bot> busy) {
    }

    private NewRuns() {
    }

    /** The run stored, or none (null) when every bot is held by an active run. */
    static Stored store(RunRepository store, Instant now, List<Bot> bots, Predicate<BotKey> held,
            EcsLaunchSettings ecs, String who, String selection, String where, Steering steering) {
        List<Bot> busy = new ArrayList<>();
        List<RunBot> queued = new ArrayList<>();
        for (Bot bot : bots) {
            if (held.test(bot.key())) {
                busy.add(bot);
            } else {
                queued.add(RunBot.queued(bot.pk(), bot.sk(), bot.botId(), bot.title(), now, bot.syncStatus(),
                        bot.lastExecId(), bot.knowledge().total()));
            }
        }
        if (queued.isEmpty()) {
            return new Stored(null, List.of(), busy);
        }
        String id = IDS.next(now);
        Run run = new Run(id, now, who, ecs, RunState.RUNNING, false, queued.size(),
                List.of(new AuditEvent(now, who, "started", queued.size() + " bots; " + where + "; failure brake "
                        + steering.brakeLabel())), null, selection, RunTally.of(queued), steering);
        store.saveBots(id, queued);
        store.saveRun(run);
        return new Stored(run, queued, busy);
    }
}
