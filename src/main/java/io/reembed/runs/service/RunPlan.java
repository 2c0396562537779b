package io.reembed.runs.service;

import java.util.List;

import io.reembed.bots.Bot;
import io.reembed.deployment.EcsLaunchSettings;

/**
 * What a confirmed selection will launch, what it leaves out and why, and with which ECS settings
 * (the rate and tasks in flight it will meet are the estimate's: the limits in force at launch).
 */
public record RunPlan(String description, List<Bot> bots, List<Exclusion> excluded, EcsLaunchSettings ecs,
        boolean includeWithoutKnowledge) {

    /** A bot left out, why, and the run that holds it when that is the reason. */
    public record Exclusion(Bot bot, String reason, String runId) {
    }

    /** How many names the confirmation lists before "… and N more", and at most inside it. */
    static final int FIRST = 20;
    static final int LISTED = 520;

    public int size() {
        return bots.size();
    }

    public long withoutKnowledge() {
        return excluded.stream().filter(e -> e.reason().startsWith("no knowledge")).count();
    }

    public long alreadyRunning() {
        return excluded.stream().filter(e -> e.reason().startsWith("already")).count();
    }

    public List<Exclusion> firstExclusions() {
        return excluded.subList(0, Math.min(excluded.size(), FIRST));
    }

    public List<Exclusion> moreExclusions() {
        return excluded.subList(Math.min(excluded.size(), FIRST), Math.min(excluded.size(), LISTED));
    }

    public List<Bot> firstBots() {
        return bots.subList(0, Math.min(bots.size(), FIRST));
    }

    /** The names behind "… and N more", up to a bound so that a 10,000-bot plan stays a page. */
    public List<Bot> moreBots() {
        return bots.subList(Math.min(bots.size(), FIRST), Math.min(bots.size(), LISTED));
    }

    public int unlisted() {
        return Math.max(0, bots.size() - LISTED);
    }

    public int unlistedExclusions() {
        return Math.max(0, excluded.size() - LISTED);
    }

    public boolean launchable() {
        return !bots.isEmpty() && ecs.missing().isEmpty();
    }
}
