package io.reembed.local.ecs;

import java.time.Duration;

import io.reembed.config.ReembedConfig;

/** The emulator's limits and timings; tests build their own to provoke one fault at a time. */
public record EmulatorSettings(
        double timeScale,
        Duration tick,
        String region,
        String account,
        String cluster,
        String family,
        String containerName,
        int runTaskRate,
        int launchBurst,
        int launchRate,
        int describeBurst,
        int describeRate,
        int stopTaskRate,
        int maxConcurrentTasks,
        Duration missingWindow,
        Duration retention,
        double stuckFraction,
        double failureRate,
        long randomSeed) {

    public static final String REGION = "us-east-1";
    public static final String CONTAINER = "Container";

    public static EmulatorSettings from(ReembedConfig.EcsEmulator config) {
        return new EmulatorSettings(config.timeScale(), config.tick(), REGION, config.account(), config.cluster(),
                config.taskDefinitionFamily(), CONTAINER, config.runTaskRate(), config.launchBurst(),
                config.launchRate(), config.describeBurst(), config.describeRate(), config.stopTaskRate(),
                config.maxConcurrentTasks(),
                config.missingWindow(), config.retention(), config.stuckFraction(), config.failureRate(),
                config.randomSeed());
    }

    /** A simulated duration of {@code seconds} of Fargate time, scaled. */
    public Duration scaled(double seconds) {
        return Duration.ofNanos((long) (seconds * timeScale * 1e9));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes a few settings of a copy, for tests that provoke one fault at a time. */
    public static final class Builder {
        private double timeScale;
        private int runTaskRate;
        private int describeBurst;
        private int describeRate;
        private int maxConcurrentTasks;
        private Duration missingWindow;
        private Duration retention;
        private double stuckFraction;
        private double failureRate;
        private final EmulatorSettings base;

        private Builder(EmulatorSettings base) {
            this.base = base;
            timeScale = base.timeScale;
            runTaskRate = base.runTaskRate;
            describeBurst = base.describeBurst;
            describeRate = base.describeRate;
            maxConcurrentTasks = base.maxConcurrentTasks;
            missingWindow = base.missingWindow;
            retention = base.retention;
            stuckFraction = base.stuckFraction;
            failureRate = base.failureRate;
        }

        public Builder timeScale(double value) {
            timeScale = value;
            return this;
        }

        public Builder runTaskRate(int value) {
            runTaskRate = value;
            return this;
        }

        public Builder describeRate(int burst, int perSecond) {
            describeBurst = burst;
            describeRate = perSecond;
            return this;
        }

        public Builder maxConcurrentTasks(int value) {
            maxConcurrentTasks = value;
            return this;
        }

        public Builder missingWindow(Duration value) {
            missingWindow = value;
            return this;
        }

        public Builder retention(Duration value) {
            retention = value;
            return this;
        }

        public Builder stuckFraction(double value) {
            stuckFraction = value;
            return this;
        }

        public Builder failureRate(double value) {
            failureRate = value;
            return this;
        }

        public EmulatorSettings build() {
            return new EmulatorSettings(timeScale, base.tick, base.region, base.account, base.cluster, base.family,
                    base.containerName, runTaskRate, base.launchBurst, base.launchRate, describeBurst, describeRate,
                    base.stopTaskRate, maxConcurrentTasks, missingWindow, retention, stuckFraction, failureRate, base.randomSeed);
        }
    }
}
