package io.reembed.bots;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bots an operator ticked on the bot list, kept on the server per browser (a random id in a
 * cookie) so that ticks survive paging, sorting and filtering without any script of our own.
 * Forgotten after a day without use; bounded in browsers and in bots per browser.
 */
@ApplicationScoped
public class BotSelections {

    public static final String COOKIE = "reembed-selection";
    private static final Duration KEEP = Duration.ofDays(1);
    private static final int MAX_BROWSERS = 10_000;
    private static final int MAX_TICKED = 10_000;

    private record Ticked(Set<BotKey> keys, Instant touched) {
    }

    private final Map<String, Ticked> byBrowser = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    public BotSelections(Clock clock) {
        this.clock = clock;
    }

    /** A new browser's id, for the cookie. */
    public String newId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** What this browser has ticked; empty for an unknown or absent id. */
    public Set<BotKey> of(String id) {
        Ticked ticked = id == null ? null : byBrowser.get(id);
        return ticked == null ? Set.of() : Set.copyOf(ticked.keys());
    }

    /** Ticks the bot if it was not, unticks it if it was; answers whether it is ticked now. */
    public boolean toggle(String id, BotKey key) {
        boolean[] now = new boolean[1];
        update(id, keys -> {
            now[0] = !keys.remove(key) && keys.size() < MAX_TICKED && keys.add(key);
        });
        return now[0];
    }

    public void tickAll(String id, Collection<BotKey> keys) {
        update(id, ticked -> keys.stream().limit(Math.max(0, MAX_TICKED - ticked.size())).forEach(ticked::add));
    }

    public void clear(String id) {
        byBrowser.remove(id);
    }

    private void update(String id, Consumer<Set<BotKey>> change) {
        Instant now = clock.instant();
        if (byBrowser.size() >= MAX_BROWSERS) {
            byBrowser.values().removeIf(ticked -> ticked.touched().plus(KEEP).isBefore(now));
        }
        byBrowser.compute(id, (k, old) -> {
            Set<BotKey> keys = old == null ? new LinkedHashSet<>() : new LinkedHashSet<>(old.keys());
            change.accept(keys);
            return new Ticked(keys, now);
        });
    }
}
