package io.reembed.runs;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A run and its bots at one moment, with the totals, throughput and ETA the pages show. */
public record RunSnapshot(Run run, List<RunBot> bots, Instant at) {

    public Map<BotState, Integer> counts() {
        Map<BotState, Integer> counts = new EnumMap<>(BotState.class);
        for (BotState state : BotState.values()) {
            counts.put(state, 0);
        }
        bots.forEach(bot -> counts.merge(bot.state(), 1, Integer::sum));
        return counts;
    }

    public int total() {
        return bots.size();
    }

    public int done() {
        return (int) bots.stream().filter(bot -> bot.state().terminal()).count();
    }

    public int count(BotState state) {
        return (int) bots.stream().filter(bot -> bot.state() == state).count();
    }

    public int percentDone() {
        return total() == 0 ? 100 : done() * 100 / total();
    }

    /** Bots finished per minute since the first launch. */
    public double throughputPerMinute() {
        Instant first = bots.stream().map(RunBot::launchedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        int finished = (int) bots.stream().filter(bot -> bot.finishedAt() != null && bot.launchedAt() != null).count();
        if (first == null || finished == 0) {
            return 0;
        }
        double minutes = Math.max(1, Duration.between(first, at).toSeconds()) / 60.0;
        return finished / minutes;
    }

    /** The time left at the current throughput; empty while it cannot be estimated. */
    public Duration eta() {
        double perMinute = throughputPerMinute();
        int left = total() - done();
        if (left == 0) {
            return Duration.ZERO;
        }
        if (perMinute <= 0) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(left / perMinute * 60));
    }

    public boolean live() {
        return run.active();
    }
}
