package io.reembed.runs.engine;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The lease that lets one copy of the console drive runs while others (a rolling deploy's second
 * copy, a standby) serve pages and store their commands as requests: an item in the runs table,
 * taken and renewed with conditional writes every third of its duration, given up on shutdown. A
 * copy drives only while a third of its lease is left, so a copy that cannot renew (DynamoDB
 * unreachable, a long pause) stops before another can take over, clocks a little apart included.
 * The lease carries a token of this process's own, so two copies given one name never both hold it,
 * and a copy checks the token in the table before it applies a command, whatever its clock says.
 */
final class EngineLease {

    private static final Logger LOG = Logger.getLogger(EngineLease.class);

    private final RunRepository store;
    private final Clock clock;
    private final Duration duration;
    private final String copy;
    private final String token = java.util.UUID.randomUUID().toString();
    private volatile Instant heldUntil = Instant.EPOCH;
    private volatile Lease lastSeen;

    EngineLease(RunRepository store, Clock clock, Duration duration, Optional<String> copyName) {
        this.store = store;
        this.clock = clock;
        this.duration = duration;
        this.copy = copyName.filter(name -> !name.isBlank()).orElseGet(EngineLease::defaultName);
    }

    String copy() {
        return copy;
    }

    Duration renewEvery() {
        return duration.dividedBy(3);
    }

    /** Takes or renews the lease; whether this copy may drive runs now. */
    boolean renew() {
        Instant now = clock.instant();
        try {
            if (store.takeLease(copy, token, now, now.plus(duration))) {
                heldUntil = now.plus(duration);
                lastSeen = new Lease(copy, heldUntil, token);
            } else {
                heldUntil = Instant.EPOCH;
                lastSeen = store.lease().orElse(null);
            }
        } catch (SdkException e) {
            LOG.warnf("The lease could not be renewed (%s); this copy drives runs only until %s", e.getMessage(),
                    heldUntil.minus(renewEvery()));
        }
        return holds();
    }

    /** Whether this copy may act as the one that drives runs: a third of its lease still ahead. */
    boolean holds() {
        return clock.instant().isBefore(heldUntil.minus(renewEvery()));
    }

    /**
     * Whether the table still names this process as the holder: read before a command is applied, so
     * that a copy whose clock stood still (a frozen container, a long pause) while another took over
     * applies nothing. Marks the lease lost when it does not.
     */
    boolean confirm() {
        Optional<Lease> stored = store.lease();
        lastSeen = stored.orElse(null);
        if (stored.isPresent() && token.equals(stored.get().token())) {
            return true;
        }
        lost();
        return false;
    }

    /** Another copy wrote what only the holder writes: stop at once, whatever the lease item says. */
    void lost() {
        heldUntil = Instant.EPOCH;
    }

    /** The holder as last seen: this copy, or the one whose requests it stores. */
    Optional<Lease> lastSeen() {
        return Optional.ofNullable(lastSeen);
    }

    void release() {
        try {
            store.releaseLease(token);
            heldUntil = Instant.EPOCH;
        } catch (SdkException e) {
            LOG.debugf("The lease could not be given up (%s); it runs out by itself", e.getMessage());
        }
    }

    private static String defaultName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = System.getenv().getOrDefault("HOSTNAME", "console");
        }
        return host + "-" + RunIds.suffix(4);
    }
}
