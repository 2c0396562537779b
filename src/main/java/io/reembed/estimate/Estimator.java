package io.reembed.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.AwsClientSettings;
import io.reembed.bots.Bot;
import io.reembed.config.ReembedConfig;
import io.reembed.preflight.Preflight;
import io.reembed.preflight.PreflightReport;
import io.reembed.runs.engine.EngineLimits;
import io.reembed.runs.engine.RunEngine;
import software.amazon.awssdk.regions.Region;

/**
 * Estimates a selection before it is launched, from what the console knows: the bots' sources, the
 * limits now in force (RunTask rate, tasks in flight, the account's capacity from preflight, the
 * run's own share), the task durations of earlier runs, the task definition's size and the
 * region's Fargate price.
 */
@ApplicationScoped
public class Estimator {

    private final TaskDurationHistory history;
    private final RunEngine engine;
    private final Preflight preflight;
    private final ReembedConfig.Estimate settings;
    private final String region;

    public Estimator(TaskDurationHistory history, RunEngine engine, Preflight preflight, ReembedConfig config,
            AwsClientSettings aws) {
        this.history = history;
        this.engine = engine;
        this.preflight = preflight;
        this.settings = config.estimate();
        this.region = aws.region().map(Region::id).orElse(null);
    }

    /** The estimate for these bots, launched in this order, with the run's own share of tasks in flight (or null). */
    public Estimate of(List<Bot> bots, Integer runShare) {
        EngineLimits limits = engine.limits();
        PreflightReport report = preflight.report();
        int slots = limits.maxInFlight();
        if (runShare != null) {
            slots = Math.min(slots, runShare);
        }
        if (report.tasksAtOnce() != null && report.tasksAtOnce() > 0) {
            slots = Math.min(slots, report.tasksAtOnce());
        }
        TaskDurationHistory.Expectation expected = history.expectation();
        List<Double> durations = new ArrayList<>(bots.size());
        int sources = 0;
        for (Bot bot : bots) {
            sources += bot.knowledge().total();
            durations.add(expected.seconds(bot.knowledge().total()));
        }
        return compute(durations, sources, limits.runTaskRate(), slots, expected.basis(),
                Optional.ofNullable(report.taskSize()), FargatePrices.of(region, settings), region);
    }

    /** The arithmetic, apart from where its inputs come from. */
    static Estimate compute(List<Double> durations, int sources, double rate, int slots, String durationBasis,
            Optional<PreflightReport.TaskSize> size, Optional<FargatePrices.Price> price, String region) {
        double taskSeconds = durations.stream().mapToDouble(Double::doubleValue).sum();
        Double cost = null;
        String costBasis;
        if (size.isEmpty()) {
            costBasis = "the task definition's vCPU and memory could not be read (see Preflight)";
        } else if (price.isEmpty()) {
            costBasis = "no Fargate price is known for region " + region + ": set reembed.estimate.vcpu-hour-usd and "
                    + "reembed.estimate.gb-hour-usd";
        } else {
            double sum = 0;
            for (double seconds : durations) {
                sum += price.get().cost(size.get().vcpus(), size.get().memoryGb(), seconds);
            }
            cost = sum;
            costBasis = io.reembed.text.Words.count(durations.size(), "task") + " × " + EngineLimits.plain(size.get().vcpus()) + " vCPU and "
                    + EngineLimits.plain(size.get().memoryGb())
                    + " GB, each billed per second for at least a minute; " + price.get().basis();
        }
        return new Estimate(durations.size(), sources, durations.size() / rate,
                WallTime.seconds(durations, rate, slots), taskSeconds, durationBasis, slots, rate,
                size.map(PreflightReport.TaskSize::vcpus).orElse(null),
                size.map(PreflightReport.TaskSize::memoryGb).orElse(null), cost, costBasis, Estimate.NOT_INCLUDED);
    }
}
