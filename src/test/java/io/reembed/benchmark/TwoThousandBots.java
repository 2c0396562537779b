package io.reembed.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * 2,000 bots and more with knowledge, RunTask at ECS's 20 a second, up to 1,000 in flight, Fargate-like
 * task times (about a minute a task), no capacity limit.
 */
public class TwoThousandBots implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("reembed.demo.seed.bots", "3600"),
                Map.entry("reembed.demo.seed.users", "180"),
                Map.entry("reembed.demo.seed.conversations-per-user", "1"),
                Map.entry("reembed.runs.run-task-rate", "20"),
                Map.entry("reembed.runs.max-in-flight", "1000"),
                Map.entry("reembed.runs.poll-interval", "2s"),
                Map.entry("reembed.runs.missing-grace", "60s"),
                Map.entry("reembed.runs.start-timeout", "10m"),
                Map.entry("reembed.ecs-emulator.time-scale", "1.0"),
                Map.entry("reembed.ecs-emulator.max-concurrent-tasks", "0"));
    }
}
