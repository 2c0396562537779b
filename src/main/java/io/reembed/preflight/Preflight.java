package io.reembed.preflight;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import io.reembed.aws.AwsClientSettings;
import io.reembed.aws.AwsIdentity;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.deployment.DeploymentSettings;
import io.reembed.deployment.Setting;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.engine.RunEngine;

/**
 * The checks made before anything is launched, kept for {@code reembed.preflight.cache-ttl}. A red
 * check blocks launching; the capacity found becomes the engine's ceiling of tasks in flight.
 */
@ApplicationScoped
public class Preflight {

    private static final Logger LOG = Logger.getLogger(Preflight.class);
    static final String IDENTITY = "identity";
    static final String SETTINGS = "settings";

    private final AwsIdentity identity;
    private final AwsClientSettings aws;
    private final Deployment deployment;
    private final TableChecks tables;
    private final EcsChecks ecs;
    private final NetworkCheck network;
    private final RunEngine engine;
    private final NotificationCheck notifications;
    private final Duration cacheTtl;
    private final Duration minCheckInterval;
    private final Clock clock;
    private volatile PreflightReport last;

    Preflight(AwsIdentity identity, AwsClientSettings aws, Deployment deployment, TableChecks tables, EcsChecks ecs,
            NetworkCheck network, RunEngine engine, NotificationCheck notifications, ReembedConfig config, Clock clock) {
        this.identity = identity;
        this.aws = aws;
        this.deployment = deployment;
        this.tables = tables;
        this.ecs = ecs;
        this.network = network;
        this.engine = engine;
        this.notifications = notifications;
        this.cacheTtl = config.preflight().cacheTtl();
        this.minCheckInterval = config.preflight().minCheckInterval();
        this.clock = clock;
    }

    /** The last report if it is younger than the cache time, else a new one. */
    public synchronized PreflightReport report() {
        if (last == null || !clock.instant().isBefore(last.at().plus(cacheTtl))) {
            last = run();
        }
        return last;
    }

    /** The last report made, however old, without asking AWS: for a banner on pages that must not wait. */
    public Optional<PreflightReport> lastReport() {
        return Optional.ofNullable(last);
    }

    /** Checks again now ("Check again"), reading the stack again too. */
    public synchronized PreflightReport checkAgain() {
        if (last != null && clock.instant().isBefore(last.at().plus(minCheckInterval))) {
            // Pressed again (or posted in a loop): the report of a moment ago, without asking AWS again.
            return last;
        }
        deployment.readAgain();
        last = run();
        return last;
    }

    /** Throws {@link PreflightFailedException} when a check is red: nothing may be launched. */
    public PreflightReport requireLaunchable() {
        PreflightReport report = report();
        if (!report.launchable()) {
            throw new PreflightFailedException(report);
        }
        return report;
    }

    private PreflightReport run() {
        Instant at = clock.instant();
        long started = System.nanoTime();
        DeploymentSettings settings = deployment.settings();
        EcsLaunchSettings launch = settings.ecs();
        List<Check> checks = new ArrayList<>();
        checks.add(identityCheck());
        checks.add(settingsCheck(settings));
        checks.add(tables.conversationTable(settings.tableName()));
        checks.add(tables.runsTable());
        checks.add(ecs.cluster(launch));
        EcsChecks.TaskDefinitionCheck taskDefinition = ecs.taskDefinition(launch);
        checks.add(taskDefinition.check());
        checks.add(network.check(launch));
        EcsChecks.CapacityCheck capacity = ecs.capacity(launch, taskDefinition.facts());
        checks.add(capacity.check());
        notifications.check().ifPresent(checks::add);
        if (capacity.tasksAtOnce() != null) {
            engine.capacityCeiling(capacity.tasksAtOnce());
        }
        PreflightReport report = new PreflightReport(List.copyOf(checks), at, capacity.tasksAtOnce(),
                taskDefinition.facts().filter(facts -> facts.vcpus() > 0 && facts.memoryGb() > 0)
                        .map(facts -> new PreflightReport.TaskSize(facts.vcpus(), facts.memoryGb())).orElse(null));
        LOG.infof("Preflight in %d ms: %d ok, %d warnings, %d failed, %d could not be checked%s",
                (System.nanoTime() - started) / 1_000_000, report.count(CheckStatus.PASS), report.count(CheckStatus.WARN),
                report.count(CheckStatus.FAIL), report.count(CheckStatus.UNKNOWN),
                report.launchable() ? "" : " (" + report.blockingSummary() + ")");
        return report;
    }

    private Check identityCheck() {
        String title = "AWS identity";
        AwsIdentity.Known known = identity.get();
        if (!known.checked()) {
            return Check.unknown(IDENTITY, title, "could not check (STS GetCallerIdentity): " + known.problem(),
                    "Check the console's credentials; sts:GetCallerIdentity needs no permission.");
        }
        return Check.pass(IDENTITY, title, "account " + known.account() + " as " + known.arn() + ", region "
                + aws.regionLabel() + (aws.demo() ? " (the demo's emulated account)" : ""));
    }

    private static Check settingsCheck(DeploymentSettings settings) {
        String title = "Settings";
        if (!settings.complete()) {
            return Check.fail(SETTINGS, title, settings.problem(), "Set what is missing (see Settings), or "
                    + "reembed.stack-name to the deployment's stack, then \"Check again\".");
        }
        long fromStack = settings.all().stream().filter(s -> s.source() == Setting.Source.STACK).count();
        String origin = settings.stackRead() && settings.stack().found()
                ? fromStack + " values from the stack " + settings.stackName()
                : settings.stackRead() ? "the stack " + settings.stackName() + " was not read (" + settings.stack().problem()
                        + "), every value is set explicitly" : "every value set explicitly, the stack not read";
        return Check.pass(SETTINGS, title, "table, cluster, task definition, subnets and security groups known: " + origin);
    }
}
