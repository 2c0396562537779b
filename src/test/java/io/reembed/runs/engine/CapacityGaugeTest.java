package io.reembed.runs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How many tasks the engine lets fly: the configured limit, the ceiling preflight found, what capacity failures taught. */
class CapacityGaugeTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");
    private static final Duration PROBE = Duration.ofSeconds(30);

    @Test
    void withoutFailuresTheConfiguredLimitHoldsAndAPreflightCeilingLowersIt() {
        CapacityGauge gauge = new CapacityGauge(50, PROBE);
        assertEquals(50, gauge.limit(T0));
        gauge.ceiling(30);
        assertEquals(30, gauge.limit(T0), "the Fargate quota over the task's vCPUs");
        gauge.ceiling(0);
        assertEquals(1, gauge.limit(T0), "never below one task");
        gauge.ceiling(80);
        assertEquals(50, gauge.limit(T0), "never above the configured limit");
    }

    @Test
    void aCapacityFailureHoldsToWhatRunsAndProbesOneMoreOncePerInterval() {
        CapacityGauge gauge = new CapacityGauge(50, PROBE);
        gauge.capacityFailure(12, T0);
        assertEquals(12, gauge.limit(T0));
        assertEquals(12, gauge.limit(T0.plusSeconds(29)));
        assertEquals(13, gauge.limit(T0.plus(PROBE)), "one probe above the capacity found");
        gauge.launched(13);
        assertEquals(14, gauge.limit(T0.plus(PROBE)), "the probe started: the capacity is at least that");
        gauge.capacityFailure(13, T0.plus(PROBE));
        assertEquals(13, gauge.limit(T0.plus(PROBE).plusSeconds(1)));
        gauge.launched(400);
        assertEquals(50, gauge.limit(T0), "never above the configured limit");
    }

    @Test
    void anOperatorsLimitAppliesAtOnceWithoutFailuresAndFromWhatWasFoundAfterOne() {
        CapacityGauge fresh = new CapacityGauge(50, PROBE);
        fresh.configured(8);
        assertEquals(8, fresh.limit(T0));
        fresh.configured(70);
        assertEquals(70, fresh.limit(T0));

        CapacityGauge taught = new CapacityGauge(50, PROBE);
        taught.capacityFailure(20, T0);
        taught.configured(70);
        assertEquals(20, taught.limit(T0), "what capacity failures taught still holds");
        taught.configured(10);
        assertEquals(10, taught.limit(T0.plus(PROBE)), "and the new limit caps it, probe included");
    }
}
