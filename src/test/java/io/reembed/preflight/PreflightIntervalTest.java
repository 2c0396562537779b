package io.reembed.preflight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.aws.AwsClientSettings;
import io.reembed.aws.AwsIdentity;
import io.reembed.config.TestConfig;
import io.reembed.deployment.Deployment;
import io.reembed.runs.engine.ManualClock;
import io.reembed.runs.engine.RunEngine;

/**
 * "Check again" posted in a loop once ran preflight 17 times a second (about 170 AWS calls a
 * second): within reembed.preflight.min-check-interval the last report is shown, AWS is not asked.
 * A preflight of the app's own checks, with an interval of 2 s on a clock the test moves.
 */
@QuarkusTest
class PreflightIntervalTest {

    @Inject
    AwsIdentity identity;

    @Inject
    AwsClientSettings aws;

    @Inject
    Deployment deployment;

    @Inject
    TableChecks tables;

    @Inject
    EcsChecks ecs;

    @Inject
    NetworkCheck network;

    @Inject
    RunEngine engine;

    @Inject
    NotificationCheck notifications;

    @Test
    void checkAgainRunsAtMostOncePerInterval() {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T10:00:00Z"));
        Preflight preflight = new Preflight(identity, aws, deployment, tables, ecs, network, engine, notifications,
                TestConfig.of("demo", Map.of("reembed.preflight.min-check-interval", "2s")), clock);
        // Pressed every 300 ms for 6 s: checked at 0 s, at the first press 2 s later (2.1 s), and 2 s after that (4.2 s).
        List<PreflightReport> shown = new ArrayList<>();
        for (int press = 0; press <= 20; press++) {
            shown.add(preflight.checkAgain());
            clock.advance(Duration.ofMillis(300));
        }
        List<Instant> checks = shown.stream().map(PreflightReport::at).distinct().toList();
        assertEquals(List.of(Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:02.100Z"),
                Instant.parse("2026-12-01T10:00:04.200Z")), checks, "21 presses in 6 s");
        assertSame(shown.get(0), shown.get(6), "within the interval, the report of a moment ago itself");
    }
}
