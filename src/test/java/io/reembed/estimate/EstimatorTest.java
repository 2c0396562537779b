package io.reembed.estimate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.reembed.preflight.PreflightReport;

/** The estimate's arithmetic against cases worked out by hand. */
class EstimatorTest {

    private static final FargatePrices.Price US_EAST_1 = new FargatePrices.Price(0.04048, 0.004445, "us-east-1");

    @Test
    void threeTasksOfOneHundredSecondsTwoAtATimeAtOneCallASecond() {
        // Starts at 0 s and 1 s; the third waits for the first slot to free at 100 s and ends at 200 s.
        Estimate estimate = Estimator.compute(List.of(100.0, 100.0, 100.0), 7, 1, 2, "history",
                Optional.of(new PreflightReport.TaskSize(1, 2)), Optional.of(US_EAST_1), "us-east-1");

        assertEquals(3, estimate.tasks());
        assertEquals(7, estimate.sources());
        assertEquals(3.0, estimate.launchTimeSeconds(), 1e-9);
        assertEquals(200.0, estimate.expectedDurationSeconds(), 1e-9);
        assertEquals(300.0, estimate.taskSeconds(), 1e-9);
        // 300 task-seconds × (1 vCPU × $0.04048 + 2 GB × $0.004445) per hour = 300 / 3600 × 0.04937.
        assertEquals(0.0041141667, estimate.fargateCostUsd(), 1e-9);
        assertEquals("$0.0041", estimate.costLabel());
        assertTrue(estimate.notIncluded().get(0).startsWith("embedding model fees"));
    }

    @Test
    void withRoomForEveryTaskTheLastLaunchDecidesAndAShortTaskIsBilledAMinute() {
        Estimate estimate = Estimator.compute(List.of(30.0, 30.0, 30.0), 3, 1, 10, "history",
                Optional.of(new PreflightReport.TaskSize(0.5, 1)), Optional.of(US_EAST_1), "us-east-1");

        assertEquals(32.0, estimate.expectedDurationSeconds(), 1e-9, "launched at 0, 1 and 2 s, each 30 s long");
        // Each 30-s task is billed 60 s: 180 s × (0.5 × 0.04048 + 1 × 0.004445) / 3600.
        assertEquals(180 / 3600.0 * (0.5 * 0.04048 + 0.004445), estimate.fargateCostUsd(), 1e-12);
    }

    @Test
    void aThousandTasksAtTwentyASecondFiftyAtATime() {
        List<Double> durations = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            durations.add(120.0);
        }
        Estimate estimate = Estimator.compute(durations, 1000, 20, 50, "history", Optional.empty(),
                Optional.of(US_EAST_1), "us-east-1");
        // 50 slots of 120 s: 20 waves, the first starting 0–2.45 s in; each wave starts when the one before ends.
        assertEquals(50.0, estimate.launchTimeSeconds(), 1e-9);
        assertEquals(20 * 120 + 49 / 20.0, estimate.expectedDurationSeconds(), 1e-6);
        assertNull(estimate.fargateCostUsd(), "no task size, no cost");
        assertTrue(estimate.costBasis().contains("could not be read"));
    }

    @Test
    void aRegionWithoutAKnownPriceGetsNoGuessedCost() {
        Estimate estimate = Estimator.compute(List.of(100.0), 1, 20, 50, "history",
                Optional.of(new PreflightReport.TaskSize(1, 2)), Optional.empty(), "ap-northeast-1");
        assertNull(estimate.fargateCostUsd());
        assertTrue(estimate.costBasis().contains("reembed.estimate.vcpu-hour-usd"), estimate.costBasis());
    }

    @Test
    void taskDurationsAreLearntBySourcesWhereThereAreEnoughAndFromTheWholeHistoryOtherwise() {
        List<TaskDurationHistory.Sample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(new TaskDurationHistory.Sample(1, 60 + i));      // 1 source: 60..64 s, median 62
            samples.add(new TaskDurationHistory.Sample(10, 300 + i));    // 8–15 sources: median 302
        }
        samples.add(new TaskDurationHistory.Sample(40, 900));
        TaskDurationHistory.Expectation expected = TaskDurationHistory.of(samples, 300);

        assertEquals(62, expected.seconds(1), 1e-9);
        assertEquals(302, expected.seconds(12), 1e-9);
        assertEquals(TaskDurationHistory.median(samples.stream().map(TaskDurationHistory.Sample::seconds).toList()),
                expected.seconds(40), 1e-9, "one sample of 16+ sources is not enough: the overall median");
        assertEquals(300, TaskDurationHistory.of(samples.subList(0, 4), 300).seconds(1), 1e-9,
                "fewer than five samples: the default");
        assertTrue(TaskDurationHistory.of(List.of(), 300).basis().startsWith("the default 5 min"));
    }
}
