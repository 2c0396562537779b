package io.reembed.estimate;

import java.util.Map;
import java.util.Optional;

import io.reembed.config.ReembedConfig;

/**
 * Fargate On-Demand prices for Linux/x86 tasks, per vCPU-hour and per GB-hour of memory. The table
 * holds the regions whose public price the console ships with (as published by AWS, December
 * 2026: us-east-1, us-east-2 and us-west-2 share one price); a price set in the configuration wins,
 * and a region without either has no cost estimate rather than a guessed one.
 */
final class FargatePrices {

    /** When the table below was last compared with AWS's pricing page. */
    static final String AS_OF = "2026-12";

    record Price(double vcpuHourUsd, double gbHourUsd, String basis) {

        /** What a task of this size costs for this long; Fargate bills per second, one minute at least. */
        double cost(double vcpus, double memoryGb, double seconds) {
            return Math.max(60, seconds) / 3600.0 * (vcpus * vcpuHourUsd + memoryGb * gbHourUsd);
        }
    }

    private static final Price US = new Price(0.04048, 0.004445, null);
    private static final Map<String, Price> PUBLIC = Map.of("us-east-1", US, "us-east-2", US, "us-west-2", US);

    private FargatePrices() {
    }

    static Optional<Price> of(String region, ReembedConfig.Estimate settings) {
        if (settings.vcpuHourUsd().isPresent() && settings.gbHourUsd().isPresent()) {
            return Optional.of(new Price(settings.vcpuHourUsd().get(), settings.gbHourUsd().get(),
                    "prices set in reembed.estimate.vcpu-hour-usd and gb-hour-usd"));
        }
        Price known = region == null ? null : PUBLIC.get(region);
        if (known == null) {
            return Optional.empty();
        }
        return Optional.of(new Price(known.vcpuHourUsd(), known.gbHourUsd(), "Fargate On-Demand Linux/x86 in " + region
                + ": $" + known.vcpuHourUsd() + " per vCPU-hour, $" + known.gbHourUsd() + " per GB-hour (AWS's public "
                + "price, " + AS_OF + ")"));
    }
}
