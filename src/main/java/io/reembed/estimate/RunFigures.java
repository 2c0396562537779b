package io.reembed.estimate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.reembed.runs.Attempt;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;

/**
 * What a run really took, to set beside its estimate: tasks started (every attempt that got one),
 * wall time, task time summed from each task's launch to its end as the console saw them (to now
 * for tasks still running), and the Fargate cost of that time at the estimate's task size.
 */
public record RunFigures(int tasks, double wallSeconds, double taskSeconds, Double fargateCostUsd, boolean live) {

    static RunFigures of(RunSnapshot snapshot, Estimate estimate, Optional<FargatePrices.Price> price) {
        boolean costKnown = price.isPresent() && estimate.vcpus() != null && estimate.memoryGb() != null;
        Sum sum = new Sum(snapshot.at());
        for (RunBot bot : snapshot.bots()) {
            for (Attempt earlier : bot.earlier()) {
                sum.task(earlier.taskArn(), earlier.launchedAt(), earlier.finishedAt());
            }
            sum.task(bot.taskArn(), bot.launchedAt(), bot.finishedAt());
        }
        Double cost = costKnown ? sum.durations.stream()
                .mapToDouble(seconds -> price.get().cost(estimate.vcpus(), estimate.memoryGb(), seconds)).sum() : null;
        return new RunFigures(sum.durations.size(), snapshot.run().duration(sum.now).toMillis() / 1000.0,
                sum.durations.stream().mapToDouble(Double::doubleValue).sum(), cost, snapshot.run().active());
    }

    /** Each started task's time, launch to end as the console saw it (to now for one still running). */
    private static final class Sum {
        private final Instant now;
        private final List<Double> durations = new ArrayList<>();

        Sum(Instant now) {
            this.now = now;
        }

        void task(String taskArn, Instant launchedAt, Instant finishedAt) {
            if (taskArn != null && launchedAt != null) {
                durations.add(Duration.between(launchedAt, finishedAt != null ? finishedAt : now).toMillis() / 1000.0);
            }
        }
    }

    public String wallLabel() {
        return Durations.label(wallSeconds);
    }

    public String taskTimeLabel() {
        return Durations.label(taskSeconds);
    }

    public String costLabel() {
        return fargateCostUsd == null ? "not known" : Money.usd(fargateCostUsd);
    }
}
