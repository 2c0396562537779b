package io.reembed.preflight;

import java.time.Instant;
import java.util.List;

/**
 * The checks made at one moment, how many tasks the account can run at once (null when unknown),
 * and the size of one embedding task (null when the task definition could not be read).
 */
public record PreflightReport(List<Check> checks, Instant at, Integer tasksAtOnce, TaskSize taskSize) {

    /** A task's vCPUs and memory in GB, from the task definition: what Fargate bills. */
    public record TaskSize(double vcpus, double memoryGb) {
    }

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
