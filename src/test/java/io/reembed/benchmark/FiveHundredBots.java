package io.reembed.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Enough demo bots for 500 launches, the real Fargate quotas in the emulator, and the engine's defaults. */
public class FiveHundredBots implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("reembed.demo.seed.bots", "700"),
                Map.entry("reembed.demo.seed.users", "50"),
                Map.entry("reembed.demo.seed.conversations-per-user", "2"),
                Map.entry("reembed.runs.run-task-rate", "20"),
                Map.entry("reembed.runs.max-in-flight", "1000"),
                Map.entry("reembed.runs.poll-interval", "2s"),
                Map.entry("reembed.runs.missing-grace", "60s"),
                Map.entry("reembed.runs.start-timeout", "10m"),
                Map.entry("reembed.ecs-emulator.time-scale", "1.0"),
                Map.entry("reembed.ecs-emulator.missing-window", "2s"),
                Map.entry("reembed.ecs-emulator.max-concurrent-tasks", "0"));
    }
}
