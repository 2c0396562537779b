package io.reembed.preflight;

import java.time.Instant;
import java.util.List;

/** GET /api/preflight: every check, whether launching is allowed, and the tasks the account can run at once. */
public record PreflightJson(boolean launchable, Instant checkedAt, Integer tasksAtOnce, List<CheckJson> checks) {

    /** One check; status is pass, warn, fail or unknown. */
    public record CheckJson(String id, String title, String status, String detail, String advice) {

        static CheckJson of(Check check) {
            return new CheckJson(check.id(), check.title(), check.status().css(), check.detail(), check.advice());
        }
    }

    /** The 409 answer of a launch refused by preflight: the failing checks. */
    public record Refusal(String error, List<CheckJson> checks) {
    }

    public static PreflightJson of(PreflightReport report) {
        return new PreflightJson(report.launchable(), report.at(), report.tasksAtOnce(),
                report.checks().stream().map(CheckJson::of).toList());
    }

    public static Refusal refusal(PreflightFailedException e) {
        return new Refusal(e.getMessage(), e.report().blocking().stream().map(CheckJson::of).toList());
    }
}
