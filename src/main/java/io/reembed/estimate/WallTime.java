package io.reembed.estimate;

import java.util.List;
import java.util.PriorityQueue;

/**
 * How long a run takes when its tasks are launched in order, at most {@code rate} RunTask calls a
 * second and at most {@code slots} tasks at once, each running its expected duration: every task
 * starts at the later of its turn at the rate and the first free slot. Linear in the tasks.
 */
final class WallTime {

    private WallTime() {
    }

    static double seconds(List<Double> durations, double rate, int slots) {
        PriorityQueue<Double> ends = new PriorityQueue<>();
        double previousStart = Double.NEGATIVE_INFINITY;
        double last = 0;
        for (double duration : durations) {
            double start = previousStart == Double.NEGATIVE_INFINITY ? 0 : previousStart + 1 / rate;
            if (ends.size() >= slots) {
                start = Math.max(start, ends.poll());
            }
            ends.add(start + duration);
            last = Math.max(last, start + duration);
            previousStart = start;
        }
        return last;
    }
}
