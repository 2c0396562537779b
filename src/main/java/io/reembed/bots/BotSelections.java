package io.reembed.bots;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The bots an operator ticked on the bot list, kept on the server per browser (a random id in a
 * cookie) so that ticks survive paging, sorting and filtering without any script of our own.
 * Ids are issued by the server only (signed with a key of this process): an id a client makes up is
 * never stored. Forgotten after a day without use; bounded in browsers (the least recently used
 * dropped first) and in bots per browser.
 */
@ApplicationScoped
public class BotSelections {

    public static final String COOKIE = "reembed-selection";
    private static final Duration KEEP = Duration.ofDays(1);
    static final int MAX_BROWSERS = 1_000;
    static final int MAX_TICKED = 10_000;

    private record Ticked(Set<BotKey> keys, Instant touched) {
    }

    private final Map<String, Ticked> byBrowser = new LinkedHashMap<>(16, 0.75f, true);
    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];
    private final Clock clock;

    public BotSelections(Clock clock) {
        this.clock = clock;
        random.nextBytes(key);
    }

    /** A new browser's id, for the cookie: random, with the server's signature. */
    public String newId() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        return id + "." + signature(id);
    }

    /** The cookie's id when this server issued it; a new one otherwise (absent, made up, or from before a restart). */
    public String idFor(String cookie) {
        return issued(cookie) ? cookie : newId();
    }

    boolean issued(String id) {
        if (id == null) {
            return false;
        }
        int dot = id.indexOf('.');
        return dot > 0 && java.security.MessageDigest.isEqual(signature(id.substring(0, dot)).getBytes(),
                id.substring(dot + 1).getBytes());
    }

    private String signature(String id) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(id.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What this browser has ticked; empty for an unknown or absent id. */
    public synchronized Set<BotKey> of(String id) {
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

    /** The ticks of one page as its checkboxes stand: those chosen ticked, the page's others not (a form without JavaScript). */
    public void setPage(String id, Collection<BotKey> page, Collection<BotKey> chosen) {
        update(id, ticked -> {
            ticked.removeAll(page);
            chosen.stream().filter(page::contains).limit(Math.max(0, MAX_TICKED - ticked.size())).forEach(ticked::add);
        });
    }

    public void tickAll(String id, Collection<BotKey> keys) {
        update(id, ticked -> keys.stream().limit(Math.max(0, MAX_TICKED - ticked.size())).forEach(ticked::add));
    }

    public synchronized void clear(String id) {
        byBrowser.remove(id);
    }

    private synchronized void update(String id, Consumer<Set<BotKey>> change) {
        if (!issued(id)) {
            return;
        }
        Instant now = clock.instant();
        byBrowser.values().removeIf(ticked -> ticked.touched().plus(KEEP).isBefore(now));
        Ticked old = byBrowser.get(id);
        Set<BotKey> keys = old == null ? new LinkedHashSet<>() : new LinkedHashSet<>(old.keys());
        change.accept(keys);
        byBrowser.put(id, new Ticked(keys, now));
        // The least recently used browsers go first when there are too many.
        for (var eldest = byBrowser.keySet().iterator(); byBrowser.size() > MAX_BROWSERS && eldest.hasNext(); ) {
            eldest.next();
            eldest.remove();
        }
    }

    synchronized int browsers() {
        return byBrowser.size();
    }
}
