package io.reembed.preflight;

/** Launching was refused because a preflight check is red; nothing was launched. */
public class PreflightFailedException extends RuntimeException {

    private final transient PreflightReport report;

    public PreflightFailedException(PreflightReport report) {
        super(report.blockingSummary() + " " + String.join(" ", report.blocking().stream()
                .map(check -> check.title() + ": " + check.detail() + ".").toList())
                + " Nothing was launched: fix this and check again (Preflight).");
        this.report = report;
    }

    public PreflightReport report() {
        return report;
    }
}
