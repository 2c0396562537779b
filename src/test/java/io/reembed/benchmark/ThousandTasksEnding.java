package io.reembed.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A thousand tasks launched at once (RunTask 200/s), each ending within about a minute, with
 * CloudWatch Logs' real GetLogEvents quota (25 a second) in the emulator and the console's
 * default read rate (10 a second).
 */
public class ThousandTasksEnding implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("reembed.demo.seed.bots", "1500"),
                Map.entry("reembed.demo.seed.users", "80"),
                Map.entry("reembed.demo.seed.conversations-per-user", "1"),
                Map.entry("reembed.runs.run-task-rate", "200"),
                Map.entry("reembed.runs.max-in-flight", "1000"),
                Map.entry("reembed.runs.launch-workers", "16"),
                Map.entry("reembed.runs.poll-interval", "2s"),
                Map.entry("reembed.runs.missing-grace", "60s"),
                Map.entry("reembed.runs.start-timeout", "10m"),
                Map.entry("reembed.logs.read-rate", "10"),
                Map.entry("reembed.logs.first-read-delay", "5s"),
                Map.entry("reembed.ecs-emulator.time-scale", "1.0"),
                Map.entry("reembed.ecs-emulator.run-task-rate", "200"),
                Map.entry("reembed.ecs-emulator.launch-burst", "200"),
                Map.entry("reembed.ecs-emulator.launch-rate", "200"),
                Map.entry("reembed.ecs-emulator.describe-burst", "200"),
                Map.entry("reembed.ecs-emulator.describe-rate", "200"),
                Map.entry("reembed.ecs-emulator.logs-read-rate", "25"),
                Map.entry("reembed.ecs-emulator.max-concurrent-tasks", "0"));
    }
}
