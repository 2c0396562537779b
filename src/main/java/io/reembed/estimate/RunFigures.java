package io.reembed.estimate;

import java.time.Duration;
import java.time.Instant;
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
        Instant now = snapshot.at();
        int tasks = 0;
        double taskSeconds = 0;
        double cost = 0;
        boolean costKnown = price.isPresent() && estimate.vcpus() != null && estimate.memoryGb() != null;
        for (RunBot bot : snapshot.bots()) {
            for (Attempt earlier : bot.earlier()) {
                if (earlier.taskArn() != null && earlier.launchedAt() != null) {
                    double seconds = seconds(earlier.launchedAt(), earlier.finishedAt(), now);
                    tasks++;
                    taskSeconds += seconds;
                    cost += costKnown ? price.get().cost(estimate.vcpus(), estimate.memoryGb(), seconds) : 0;
                }
            }
            if (bot.taskArn() != null && bot.launchedAt() != null) {
                double seconds = seconds(bot.launchedAt(), bot.finishedAt(), now);
                tasks++;
                taskSeconds += seconds;
                cost += costKnown ? price.get().cost(estimate.vcpus(), estimate.memoryGb(), seconds) : 0;
            }
        }
        return new RunFigures(tasks, snapshot.run().duration(now).toMillis() / 1000.0, taskSeconds,
                costKnown ? cost : null, snapshot.run().active());
    }

    private static double seconds(Instant from, Instant to, Instant now) {
        return Duration.between(from, to != null ? to : now).toMillis() / 1000.0;
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
