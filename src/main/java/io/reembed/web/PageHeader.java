package io.reembed.web;

import io.reembed.aws.AwsIdentity;
import io.reembed.deployment.Deployment;
import io.reembed.runs.engine.RunEngine;

/**
 * What every page shows at the top: which mode, region and table the console is looking at, and
 * which account and principal it acts as (or, in the demo, that no AWS account is used).
 */
public record PageHeader(String mode, String region, boolean demo, AwsIdentity identity, Deployment deployment,
        RunEngine engine) {

    public String table() {
        return deployment.settings().tableLabel();
    }

    /** Which copy of the console drives runs (several may serve pages); null with one copy only. */
    public String driver() {
        return engine.driver().orElse(null);
    }
}
