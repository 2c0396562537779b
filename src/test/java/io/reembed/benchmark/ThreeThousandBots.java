package io.reembed.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** 3,000 demo bots, RunTask at ECS's 20 a second, Fargate-like task times (about a minute a task), 200 in flight. */
public class ThreeThousandBots implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("reembed.demo.seed.bots", "3000"),
                Map.entry("reembed.demo.seed.users", "150"),
                Map.entry("reembed.demo.seed.conversations-per-user", "1"),
                Map.entry("reembed.runs.max-in-flight", "200"),
                Map.entry("reembed.ecs-emulator.time-scale", "1.0"),
                Map.entry("reembed.ecs-emulator.max-concurrent-tasks", "0"));
    }
}
