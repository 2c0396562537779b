package io.reembed.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.reembed.config.ReembedConfig;
import io.reembed.logging.LogText;
import org.jboss.logging.Logger;

/**
 * Counts failed logins per client address and per user name. Each failure is answered after a
 * short delay that doubles with every failure in a row (250 ms up to 4 s), and past
 * {@code reembed.auth.max-failed-logins} within {@code login-window} further tries get 429 until
 * the window has passed, so that guessing is slow and a flood of wrong passwords cannot keep the
 * CPU busy with PBKDF2.
 * <ul>
 * <li>The console's own user names are always counted, each on its own; every other name counts
 * under one shared key, so junk names cannot fill memory or push a real user's count out.</li>
 * <li>Addresses are kept in a bounded map, least recently seen dropped first: a flood from many
 * addresses costs bounded memory, and the user's count still holds.</li>
 * <li>A user locked by failures is locked only against addresses that never logged in
 * successfully: wrong passwords from elsewhere cannot lock the administrator out of the place they
 * work from. An address that fails too often is refused whoever it names.</li>
 * </ul>
 */
@ApplicationScoped
public class LoginBrake {

    private static final Logger LOG = Logger.getLogger(LoginBrake.class);
    private static final Duration FIRST_DELAY = Duration.ofMillis(250);
    private static final Duration MAX_DELAY = Duration.ofSeconds(4);
    /** Addresses kept at most, in each of the two maps. */
    static final int MAX_ADDRESSES = 10_000;
    static final String UNKNOWN_USERS = "(any other name)";

    private record Failures(int count, Instant since) {
    }

    private final Map<String, Failures> byAddress = lru(MAX_ADDRESSES);
    private final Map<String, Failures> byUser = new LinkedHashMap<>();
    /** Addresses that have logged in successfully (the most recent MAX_ADDRESSES of them). */
    private final Map<String, Instant> trusted = lru(MAX_ADDRESSES);
    private final Set<String> users;
    private final ReembedConfig.Auth settings;
    private final Clock clock;

    @Inject
    public LoginBrake(ReembedConfig config, Clock clock) {
        this(config, clock, Set.of(AdminIdentityProvider.ADMIN));
    }

    LoginBrake(ReembedConfig config, Clock clock, Set<String> users) {
        this.settings = config.auth();
        this.clock = clock;
        this.users = Set.copyOf(users);
    }

    /** How long this address must wait before trying this user again; empty when it may try now. */
    public synchronized Optional<Duration> blocked(String address, String user) {
        Instant now = clock.instant();
        Duration wait = left(byAddress.get(address), now);
        if (!trusted.containsKey(address)) {
            Duration userWait = left(byUser.get(userKey(user)), now);
            wait = userWait.compareTo(wait) > 0 ? userWait : wait;
        }
        return wait.isZero() ? Optional.empty() : Optional.of(wait);
    }

    /** Records a failed login; answers how long to wait before saying so. */
    public synchronized Duration failed(String address, String user) {
        Instant now = clock.instant();
        int fromAddress = count(byAddress, address, now);
        int forUser = count(byUser, userKey(user), now);
        int inARow = Math.max(fromAddress, forUser);
        LOG.warnf("Failed login for user '%s' from %s (%d from that address, %d for that user, within %s)",
                LogText.escape(user), LogText.escape(address), fromAddress, forUser, settings.loginWindow());
        Duration delay = FIRST_DELAY.multipliedBy(1L << Math.min(inARow - 1, 10));
        return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
    }

    public synchronized void succeeded(String address, String user) {
        byAddress.remove(address);
        byUser.remove(userKey(user));
        trusted.put(address, clock.instant());
    }

    private String userKey(String user) {
        return users.contains(user) ? user : UNKNOWN_USERS;
    }

    private Duration left(Failures seen, Instant now) {
        if (seen == null || seen.count() < settings.maxFailedLogins() || expired(seen, now)) {
            return Duration.ZERO;
        }
        return Duration.between(now, seen.since().plus(settings.loginWindow()));
    }

    private int count(Map<String, Failures> counts, String key, Instant now) {
        return counts.compute(key, (k, seen) -> seen == null || expired(seen, now) ? new Failures(1, now)
                : new Failures(seen.count() + 1, seen.since())).count();
    }

    private boolean expired(Failures seen, Instant now) {
        return !now.isBefore(seen.since().plus(settings.loginWindow()));
    }

    private static <V> Map<String, V> lru(int size) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
                return size() > size;
            }
        });
    }
}
