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
        Map<String, String> config = ThousandTasksInFlight.thousandTasks();
        config.put("reembed.logs.read-rate", "10");
        config.put("reembed.logs.first-read-delay", "5s");
        config.put("reembed.ecs-emulator.describe-burst", "200");
        config.put("reembed.ecs-emulator.describe-rate", "200");
        config.put("reembed.ecs-emulator.logs-read-rate", "25");
        return config;
    }
}
