package io.reembed.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import org.jboss.logging.Logger;

/**
 * Counts failed logins per client address and per user name. Each failure is answered after a
 * short delay that doubles with every failure in a row (250 ms up to 4 s), and past
 * {@code reembed.auth.max-failed-logins} within {@code login-window} further tries get 429 until
 * the window has passed, so that guessing is slow and a flood of wrong passwords cannot keep the
 * CPU busy with PBKDF2. A successful login clears its address and user.
 */
@ApplicationScoped
public class LoginBrake {

    private static final Logger LOG = Logger.getLogger(LoginBrake.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(4);
    /** Distinct keys kept at most; beyond it expired ones are dropped and new user names go uncounted. */
    private static final int MAX_KEYS = 10_000;

    private record Failures(int count, Instant since) {
    }

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();
    private final ReembedConfig.Auth settings;
    private final Clock clock;

    public LoginBrake(ReembedConfig config, Clock clock) {
        this.settings = config.auth();
        this.clock = clock;
    }

    /** How long the address or user must wait before trying again; empty when they may try now. */
    public Optional<Duration> blocked(String address, String user) {
        Instant now = clock.instant();
        Duration wait = Duration.ZERO;
        for (String key : new String[] {"address " + address, "user " + user}) {
            Failures seen = failures.get(key);
            if (seen != null && seen.count() >= settings.maxFailedLogins() && !expired(seen, now)) {
                Duration left = Duration.between(now, seen.since().plus(settings.loginWindow()));
                wait = left.compareTo(wait) > 0 ? left : wait;
            }
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Records a failed login; answers how long to wait before saying so. */
    public Duration failed(String address, String user) {
        Instant now = clock.instant();
        if (failures.size() > MAX_KEYS) {
            failures.values().removeIf(seen -> expired(seen, now));
        }
        int byAddress = count("address " + address, now);
        int byUser = failures.size() > MAX_KEYS ? 0 : count("user " + user, now);
        int inARow = Math.max(byAddress, byUser);
        LOG.warnf("Failed login for user '%s' from %s (%d from that address, %d for that user, within %s)",
                user, address, byAddress, byUser, settings.loginWindow());
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(inARow - 1, 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    public void succeeded(String address, String user) {
        failures.remove("address " + address);
        failures.remove("user " + user);
    }

    private int count(String key, Instant now) {
        return failures.compute(key, (k, seen) -> seen == null || expired(seen, now) ? new Failures(1, now)
                : new Failures(seen.count() + 1, seen.since())).count();
    }

    private boolean expired(Failures seen, Instant now) {
        return !now.isBefore(seen.since().plus(settings.loginWindow()));
    }
}
