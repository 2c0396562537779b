package io.reembed.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

import io.reembed.runs.engine.RunEngine;

/**
 * Alive unless the run engine's thread has stopped turning: a cycle takes milliseconds, so one
 * not finished for a minute means a stuck engine that only a restart frees. An engine that never
 * started (no table) is a readiness matter, not a reason to restart the process.
 */
@Liveness
public class EngineLiveness implements HealthCheck {

    private static final Duration STUCK_AFTER = Duration.ofMinutes(1);

    private final RunEngine engine;
    private final Clock clock;

    EngineLiveness(RunEngine engine, Clock clock) {
        this.engine = engine;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        Optional<Instant> last = engine.lastCycle();
        var response = HealthCheckResponse.named("run engine thread");
        if (last.isEmpty()) {
            return response.up().withData("cycling", false).build();
        }
        long age = Duration.between(last.get(), clock.instant()).toSeconds();
        return response.status(age < STUCK_AFTER.toSeconds()).withData("lastCycleSecondsAgo", age).build();
    }
}
