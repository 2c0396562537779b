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

    /** Bots whose task ran to an end (succeeded or failed); cancelled and never-launched ones are not "done". */
    public int done() {
        return run.tally().done();
    }

    public int count(BotState state) {
        return (int) bots.stream().filter(bot -> bot.state() == state).count();
    }

    /** When the run's clock stops: its end, or now while it runs. */
    public Instant end() {
        return run.finishedAt() != null ? run.finishedAt() : at;
    }

    /** Bots finished per minute over the run's active time (first launch to end): frozen once it ends. */
    public double throughputPerMinute() {
        Instant first = bots.stream().map(RunBot::launchedAt).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .orElse(null);
        int finished = run.tally().done();
        if (first == null || finished == 0) {
            return 0;
        }
        // Paused time is no working time: a run braked overnight does not read as slow.
        double minutes = Math.max(1, Duration.between(first, end()).minus(run.pausedFor(end())).toSeconds()) / 60.0;
        return finished / minutes;
    }

    /** The time left at the current throughput; empty while it cannot be estimated. */
    public Duration eta() {
        int left = run.tally().inFlight() + run.tally().queued();
        if (left == 0) {
            return Duration.ZERO;
        }
        double perMinute = throughputPerMinute();
        if (perMinute <= 0 || waitingForCapacity() > 0) {
            return null;
        }
        return Duration.ofSeconds((long) Math.ceil(left / perMinute * 60));
    }

    /** Bots queued because ECS refused their launch for capacity (the vCPU quota), waiting for tasks to end. */
    public int waitingForCapacity() {
        return (int) bots.stream().filter(bot -> bot.state() == BotState.QUEUED && bot.reason() != null
                && bot.reason().startsWith("Waiting for capacity")).count();
    }

    /** Tasks started and not yet ended. */
    public int tasksRunning() {
        return count(BotState.STARTING) + count(BotState.RUNNING);
    }

    public boolean live() {
        return run.active();
    }
}
