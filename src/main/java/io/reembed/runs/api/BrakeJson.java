package io.reembed.runs.api;

import io.reembed.runs.Steering;

/** A run's failure brake in {@code POST /api/runs}: pause once more than {@code percent} % of at least {@code after} finished bots failed; 0 turns it off. */
public record BrakeJson(Integer after, Integer percent) {

    Steering steering() {
        return Steering.withBrake(after == null ? Steering.DEFAULT_BRAKE_AFTER : after,
                percent == null ? Steering.DEFAULT_BRAKE_PERCENT : percent);
    }
}
