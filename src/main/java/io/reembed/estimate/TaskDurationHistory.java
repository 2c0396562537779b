package io.reembed.estimate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reembed.config.ReembedConfig;
import io.reembed.runs.Run;
import io.reembed.runs.RunEnded;
import io.reembed.runs.RunBot;
import io.reembed.runs.BotState;
import io.reembed.runs.engine.RunRepository;

/**
 * How long this console's embedding tasks took, learnt from its earlier runs: the successful
 * attempts' time from launch to end, by the bot's number of sources when it was launched. Read
 * from the runs table at most every few minutes, newest runs first, a bounded number of tasks.
 */
@ApplicationScoped
public class TaskDurationHistory {

    /** Fewer samples than this say nothing: the default (or the wider median) is used instead. */
    static final int ENOUGH = 5;
    static final int MOST_SAMPLES = 5_000;
    private static final Duration KEPT = Duration.ofMinutes(5);

    record Sample(int sources, double seconds) {
    }

    /** Expected task durations: by sources where the history has enough, else its median, else the default. */
    public record Expectation(Map<Integer, Double> byBucket, Double overall, int samples, double fallback) {

        public double seconds(int sources) {
            Double bucket = byBucket.get(bucket(sources));
            if (bucket != null) {
                return bucket;
            }
            return overall != null ? overall : fallback;
        }

        public String basis() {
            if (overall == null) {
                return "the default " + Durations.label(fallback) + " a task (reembed.estimate.default-task-duration): "
                        + "this console has fewer than " + ENOUGH + " successful tasks in its earlier runs";
            }
            return "the median of " + samples + " successful tasks of this console's earlier runs"
                    + (byBucket.isEmpty() ? "" : ", by number of sources where " + ENOUGH + " or more had as many")
                    + " (" + Durations.label(overall) + " overall)";
        }
    }

    private final RunRepository store;
    private final ReembedConfig.Estimate settings;
    private final Clock clock;
    private volatile Expectation cached;
    private volatile Instant cachedAt = Instant.MIN;

    public TaskDurationHistory(RunRepository store, ReembedConfig config, Clock clock) {
        this.store = store;
        this.settings = config.estimate();
        this.clock = clock;
    }

    public Expectation expectation() {
        Instant now = clock.instant();
        Expectation known = cached;
        if (known != null && Duration.between(cachedAt, now).compareTo(KEPT) < 0) {
            return known;
        }
        Expectation fresh = of(samples(), settings.defaultTaskDuration().toMillis() / 1000.0);
        cached = fresh;
        cachedAt = now;
        return fresh;
    }

    /** Forgets what was learnt, so that the next estimate reads the runs again: a run has just ended. */
    void forget(@Observes RunEnded ended) {
        cachedAt = Instant.MIN;
    }

    private List<Sample> samples() {
        List<Sample> samples = new ArrayList<>();
        for (Run run : store.listRuns(settings.historyRuns())) {
            if (run.active()) {
                continue;
            }
            for (RunBot bot : store.loadBots(run.id())) {
                if (bot.state() == BotState.SUCCEEDED && bot.launchedAt() != null && bot.finishedAt() != null) {
                    samples.add(new Sample(bot.sources(), Duration.between(bot.launchedAt(), bot.finishedAt())
                            .toMillis() / 1000.0));
                }
            }
            if (samples.size() >= MOST_SAMPLES) {
                break;
            }
        }
        return samples;
    }

    static Expectation of(List<Sample> samples, double fallback) {
        if (samples.size() < ENOUGH) {
            return new Expectation(Map.of(), null, samples.size(), fallback);
        }
        Map<Integer, List<Double>> buckets = new HashMap<>();
        List<Double> all = new ArrayList<>();
        for (Sample sample : samples) {
            all.add(sample.seconds());
            if (sample.sources() >= 0) {
                buckets.computeIfAbsent(bucket(sample.sources()), b -> new ArrayList<>()).add(sample.seconds());
            }
        }
        Map<Integer, Double> medians = new HashMap<>();
        buckets.forEach((bucket, values) -> {
            if (values.size() >= ENOUGH) {
                medians.put(bucket, median(values));
            }
        });
        return new Expectation(Map.copyOf(medians), median(all), samples.size(), fallback);
    }

    /** 0, 1, 2–3, 4–7, 8–15, 16 or more sources. */
    static int bucket(int sources) {
        return sources <= 0 ? 0 : Math.min(5, 32 - Integer.numberOfLeadingZeros(sources));
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }
}
