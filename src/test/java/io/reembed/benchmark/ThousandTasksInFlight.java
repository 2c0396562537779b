package io.reembed.benchmark;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A thousand tasks in flight: RunTask and task launches at 200/s in the emulator so that setting
 * them up takes seconds, every task held in PROVISIONING, and StopTask at ECS's rate (20/s).
 */
public class ThousandTasksInFlight implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = thousandTasks();
        config.put("reembed.runs.stop-task-rate", "20");
        config.put("reembed.ecs-emulator.stop-task-rate", "20");
        config.put("reembed.ecs-emulator.stuck-fraction", "1.0");
        return config;
    }

    /** A thousand tasks launched at once: 1,500 demo bots, RunTask and launches at 200/s, a Fargate-like minute a task, no capacity limit. */
    static Map<String, String> thousandTasks() {
        return new HashMap<>(Map.ofEntries(
                Map.entry("reembed.demo.seed.bots", "1500"),
                Map.entry("reembed.demo.seed.users", "80"),
                Map.entry("reembed.demo.seed.conversations-per-user", "1"),
                Map.entry("reembed.runs.run-task-rate", "200"),
                Map.entry("reembed.runs.max-in-flight", "1000"),
                Map.entry("reembed.runs.launch-workers", "16"),
                Map.entry("reembed.runs.poll-interval", "2s"),
                Map.entry("reembed.runs.missing-grace", "60s"),
                Map.entry("reembed.runs.start-timeout", "10m"),
                Map.entry("reembed.ecs-emulator.time-scale", "1.0"),
                Map.entry("reembed.ecs-emulator.run-task-rate", "200"),
                Map.entry("reembed.ecs-emulator.launch-burst", "200"),
                Map.entry("reembed.ecs-emulator.launch-rate", "200"),
                Map.entry("reembed.ecs-emulator.max-concurrent-tasks", "0")));
    }
}
