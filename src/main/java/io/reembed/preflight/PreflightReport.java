package io.reembed.preflight;

import java.time.Instant;
import java.util.List;

/** The checks made at one moment, and how many tasks the account can run at once (null when unknown). */
public record PreflightReport(List<Check> checks, Instant at, Integer tasksAtOnce) {

    public List<Check> blocking() {
        return checks.stream().filter(Check::blocks).toList();
    }

    public boolean launchable() {
        return blocking().isEmpty();
    }

    public long count(CheckStatus status) {
        return checks.stream().filter(check -> check.status() == status).count();
    }

    /** "2 checks failed: ECS cluster, Subnets and security groups." */
    public String blockingSummary() {
        List<Check> blocking = blocking();
        return blocking.size() + (blocking.size() == 1 ? " check failed: " : " checks failed: ")
                + String.join(", ", blocking.stream().map(Check::title).toList()) + ".";
    }
}
