package io.reembed.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * An account whose Fargate vCPU quota fits 40 one-vCPU tasks, with time running ten times faster
 * than Fargate's: a task about 6 s, the poll 200 ms, the capacity probe 500 ms, and every API rate
 * ten times ECS's (RunTask 200/s), so that launching takes the share of a task's life it takes in AWS.
 */
public class FortyTaskAccount implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("reembed.demo.seed.bots", "300"),
                Map.entry("reembed.demo.seed.users", "30"),
                Map.entry("reembed.demo.seed.conversations-per-user", "1"),
                Map.entry("reembed.runs.run-task-rate", "200"),
                Map.entry("reembed.runs.max-in-flight", "50"),
                Map.entry("reembed.runs.poll-interval", "200ms"),
                Map.entry("reembed.runs.capacity-backoff", "500ms"),
                Map.entry("reembed.runs.throttle-backoff", "100ms"),
                Map.entry("reembed.runs.missing-grace", "6s"),
                Map.entry("reembed.runs.start-timeout", "60s"),
                Map.entry("reembed.ecs-emulator.time-scale", "0.1"),
                Map.entry("reembed.ecs-emulator.tick", "20ms"),
                Map.entry("reembed.ecs-emulator.missing-window", "200ms"),
                Map.entry("reembed.ecs-emulator.run-task-rate", "200"),
                Map.entry("reembed.ecs-emulator.launch-rate", "200"),
                Map.entry("reembed.ecs-emulator.describe-rate", "200"),
                Map.entry("reembed.ecs-emulator.max-concurrent-tasks", "40"));
    }
}
