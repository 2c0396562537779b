package io.reembed.runs.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.reembed.runs.BotState;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunState;

/**
 * Notices runs in which no bot changed state for a while although bots still wait (not paused, not
 * ended): each such stall is reported once, and again only after some progress and a new stall.
 */
final class StallWatch {

    private record Seen(Map<BotState, Integer> states, Instant since, boolean reported) {
    }

    private final Duration after;
    private final Map<String, Seen> seen = new HashMap<>();

    StallWatch(Duration after) {
        this.after = after;
    }

    /** The runs stalled as of {@code now} and not reported yet; each is then marked reported. */
    List<LiveRun> stalled(Collection<LiveRun> runs, Instant now) {
        List<LiveRun> stalled = new ArrayList<>();
        seen.keySet().retainAll(runs.stream().map(LiveRun::id).toList());
        for (LiveRun live : runs) {
            List<RunBot> bots = live.bots();
            Map<BotState, Integer> states = new EnumMap<>(BotState.class);
            bots.forEach(bot -> states.merge(bot.state(), 1, Integer::sum));
            Seen before = seen.get(live.id());
            boolean waiting = live.run().state() == RunState.RUNNING && bots.stream().anyMatch(bot -> !bot.state().terminal());
            if (before == null || !before.states().equals(states) || !waiting) {
                seen.put(live.id(), new Seen(states, now, false));
                continue;
            }
            if (!before.reported() && !now.isBefore(before.since().plus(after))) {
                seen.put(live.id(), new Seen(states, before.since(), true));
                stalled.add(live);
            }
        }
        return stalled;
    }

    Duration after() {
        return after;
    }
}
