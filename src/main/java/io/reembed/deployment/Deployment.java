package io.reembed.deployment;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.DeploymentSettings.Candidates;
import io.reembed.deployment.StackReader.StackRead;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The deployment the console acts on: its settings, read from the stack when first needed (the
 * demo's CloudFormation answers on the console's own port, so not before it listens) and kept.
 * Settings that fall short are read again after a while, in the background (pages get the last
 * reading at once, never waiting for CloudFormation), or at once with "Read the stack again".
 */
@ApplicationScoped
public class Deployment {

    private static final Logger LOG = Logger.getLogger(Deployment.class);
    /** A stack that could not be read at all (unreachable, throttled) is asked again soon... */
    private static final Duration RETRY_UNREADABLE = Duration.ofSeconds(10);
    /** ...one that lacks outputs, or does not exist, a little later. */
    private static final Duration RETRY_INCOMPLETE = Duration.ofMinutes(1);

    private final ReembedConfig config;
    private final StackReader reader;
    private final Clock clock;
    private volatile DeploymentSettings current;
    /** One reading of the stack at a time; callers of {@link #settings()} wait for it only before the first. */
    private final Object reading = new Object();
    private final AtomicBoolean refreshing = new AtomicBoolean();

    public Deployment(ReembedConfig config, StackReader reader, Clock clock) {
        this.config = config;
        this.reader = reader;
        this.clock = clock;
    }

    /** The settings as last read: read now only the first time, read again in the background when due. */
    public DeploymentSettings settings() {
        DeploymentSettings known = current;
        if (known == null) {
            synchronized (reading) {
                if (current == null) {
                    current = read(clock.instant());
                }
                return current;
            }
        }
        if (!known.complete() && clock.instant().isAfter(known.readAt().plus(retryAfter(known)))
                && refreshing.compareAndSet(false, true)) {
            Thread refresh = new Thread(() -> {
                try {
                    readAgain();
                } finally {
                    refreshing.set(false);
                }
            }, "stack-refresh");
            refresh.setDaemon(true);
            refresh.start();
        }
        return known;
    }

    /** Reads the stack again now, whatever was known. */
    public DeploymentSettings readAgain() {
        synchronized (reading) {
            current = read(clock.instant());
            return current;
        }
    }

    public Optional<String> tableName() {
        return settings().tableName();
    }

    private DeploymentSettings read(Instant now) {
        if (SettingsResolver.everythingExplicit(config)) {
            return SettingsResolver.resolve(config, null, Candidates.NOT_LOOKED_UP, now);
        }
        StackRead stack = reader.read(config.stackName());
        Candidates candidates = Candidates.NOT_LOOKED_UP;
        DeploymentSettings settings = SettingsResolver.resolve(config, stack, candidates, now);
        if (!settings.complete() && (stack.found() || stack.missing())) {
            candidates = lookForStacks();
            settings = SettingsResolver.resolve(config, stack, candidates, now);
        }
        if (current != null && current.all().equals(settings.all())) {
            return settings;
        }
        if (settings.complete()) {
            LOG.infof("Acting on table %s, cluster %s, task definition %s, subnets %s, security groups %s (stack %s%s)",
                    settings.table().value(), settings.cluster().value(), settings.taskDefinition().value(),
                    settings.subnets().value(), settings.securityGroups().value(), config.stackName(),
                    stack.found() ? "" : ", not read");
        } else {
            LOG.warnf("Settings incomplete: %s", settings.problem());
        }
        return settings;
    }

    private Candidates lookForStacks() {
        try {
            List<String> names = reader.bedrockChatStacks().stream().filter(name -> !name.equals(config.stackName()))
                    .toList();
            return new Candidates(names, null);
        } catch (SdkException e) {
            return new Candidates(List.of(), e.getMessage());
        }
    }

    private static Duration retryAfter(DeploymentSettings settings) {
        return settings.stack() != null && !settings.stack().found() && !settings.stack().missing() ? RETRY_UNREADABLE
                : RETRY_INCOMPLETE;
    }
}
