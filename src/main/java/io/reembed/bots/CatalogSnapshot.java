package io.reembed.bots;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The bots as read at one moment, indexed by key so that submitted keys can be checked against it. */
public record CatalogSnapshot(List<Bot> bots, Map<BotKey, Bot> byKey, Instant loadedAt, Duration loadTime,
        String source, String note, int itemsRead) {

    public static CatalogSnapshot of(BotScanner.Result result, Instant loadedAt, Duration loadTime) {
        Map<BotKey, Bot> byKey = result.bots().stream()
                .collect(Collectors.toUnmodifiableMap(Bot::key, Function.identity(), (first, second) -> first));
        return new CatalogSnapshot(result.bots(), byKey, loadedAt, loadTime, result.source(), result.note(),
                result.itemsRead());
    }

    public int size() {
        return bots.size();
    }

    public Instant loadedAtMillis() {
        return loadedAt.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    public long loadMillis() {
        return loadTime.toMillis();
    }

    public boolean hasNote() {
        return note != null;
    }
}
