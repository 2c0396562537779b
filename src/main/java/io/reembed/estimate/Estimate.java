package io.reembed.estimate;

import java.util.List;

import io.reembed.runs.engine.EngineLimits;

/**
 * What a selection is expected to cost before it is launched: tasks, sources to embed, the least
 * launch time at the RunTask rate, the expected wall time, the task time summed, and the Fargate
 * cost (null when no price is known for the region, or the task size could not be read), each with
 * what it rests on, and what it leaves out.
 */
public record Estimate(int tasks, int sources, double launchTimeSeconds, double expectedDurationSeconds,
        double taskSeconds, String durationBasis, int tasksAtOnce, double runTaskRate, Double vcpus,
        Double memoryGb, Double fargateCostUsd, String costBasis, List<String> notIncluded) {

    public static final List<String> NOT_INCLUDED = List.of(
            "embedding model fees (Amazon Bedrock): they depend on the size of the documents, which the console "
                    + "does not know before the tasks read them",
            "CloudWatch Logs ingestion, NAT gateway data processing and data transfer of the tasks",
            "Aurora's own cost while the new rows are written");

    /** The RunTask rate the estimate assumes, the one in force: "20", "12.5". */
    public String runTaskRateLabel() {
        return EngineLimits.plain(runTaskRate);
    }

    /** The floor, rounded up: RunTask calls cannot go faster than the rate. */
    public String launchTimeLabel() {
        return Durations.label(Math.ceil(launchTimeSeconds));
    }

    public String expectedDurationLabel() {
        return Durations.label(expectedDurationSeconds);
    }

    public String taskTimeLabel() {
        return Durations.label(taskSeconds);
    }

    public String costLabel() {
        return fargateCostUsd == null ? "not known" : Money.usd(fargateCostUsd);
    }
}
