package io.reembed.runs;

import java.util.List;

import io.reembed.bots.Bot;

/** What a confirmed selection will launch, what it leaves out and why, and with which ECS settings. */
public record RunPlan(String description, List<Bot> bots, List<Exclusion> excluded, EcsLaunchSettings ecs,
        boolean includeWithoutKnowledge, double runTaskRate, int maxInFlight) {

    public record Exclusion(Bot bot, String reason) {
    }

    public int size() {
        return bots.size();
    }

    /** The floor: RunTask calls cannot go faster than the configured rate. */
    public long expectedLaunchSeconds() {
        return (long) Math.ceil(bots.size() / runTaskRate);
    }

    public String runTaskRateLabel() {
        return runTaskRate == Math.rint(runTaskRate) ? Long.toString((long) runTaskRate) : Double.toString(runTaskRate);
    }

    public long withoutKnowledge() {
        return excluded.stream().filter(e -> e.reason().startsWith("no knowledge")).count();
    }

    public long alreadyRunning() {
        return excluded.stream().filter(e -> e.reason().startsWith("already")).count();
    }

    public List<Exclusion> firstExclusions() {
        return excluded.subList(0, Math.min(excluded.size(), 20));
    }

    public List<Bot> firstBots() {
        return bots.subList(0, Math.min(bots.size(), 20));
    }

    public boolean launchable() {
        return !bots.isEmpty() && ecs.missing().isEmpty();
    }
}
