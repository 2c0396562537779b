package io.reembed.runs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** How a run's bots stand, by outcome: what the run's header and the run list say in words. */
public record RunTally(int succeeded, int failed, int cancelled, int inFlight, int queued, int skipped) {

    public static final RunTally NONE = new RunTally(0, 0, 0, 0, 0, 0);

    public RunTally(int succeeded, int failed, int cancelled, int inFlight, int queued) {
        this(succeeded, failed, cancelled, inFlight, queued, 0);
    }

    public static RunTally of(Collection<RunBot> bots) {
        int succeeded = 0;
        int failed = 0;
        int cancelled = 0;
        int inFlight = 0;
        int queued = 0;
        int skipped = 0;
        for (RunBot bot : bots) {
            switch (bot.state()) {
                case SUCCEEDED -> succeeded++;
                case FAILED -> failed++;
                case CANCELLED -> cancelled++;
                case QUEUED -> queued++;
                case SKIPPED -> skipped++;
                default -> inFlight++;
            }
        }
        return new RunTally(succeeded, failed, cancelled, inFlight, queued, skipped);
    }

    public int total() {
        return succeeded + failed + cancelled + inFlight + queued + skipped;
    }

    /** Bots whose task ran to an end; a cancelled bot is not "done". */
    public int done() {
        return succeeded + failed;
    }

    /**
     * The run in words: "running", "cancelling", "finished, all succeeded", "finished, 4 failed",
     * "cancelled, 12 succeeded, 1 failed". The state alone would show a run with failures as a plain
     * FINISHED.
     */
    public String outcome(Run run) {
        if (run.active()) {
            return run.cancelRequested() ? "cancelling" : run.paused() ? "paused" : "running";
        }
        List<String> parts = new ArrayList<>();
        if (run.state() == RunState.CANCELLED) {
            parts.add("cancelled");
            if (succeeded > 0) {
                parts.add(succeeded + " succeeded");
            }
        } else {
            parts.add("finished");
            if (failed == 0 && cancelled == 0 && skipped == 0) {
                parts.add("all succeeded");
            }
        }
        if (failed > 0) {
            parts.add(failed + " failed");
        }
        if (cancelled > 0 && run.state() != RunState.CANCELLED) {
            parts.add(cancelled + " cancelled");
        }
        if (skipped > 0) {
            parts.add(skipped + " skipped");
        }
        return String.join(", ", parts);
    }

    /** For the page's colours: succeeded, failed, cancelled or running. */
    public String tone(Run run) {
        if (run.active()) {
            return run.paused() && !run.cancelRequested() ? "paused" : "running";
        }
        if (run.state() == RunState.CANCELLED) {
            return "cancelled";
        }
        return failed > 0 || cancelled > 0 ? "failed" : "succeeded";
    }
}
