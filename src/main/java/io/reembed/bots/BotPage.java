package io.reembed.bots;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One page of the filtered, sorted bot list, with what the pager and the summary line need: how many
 * match and how many of those have knowledge (what "Re-embed the shown" launches), and the active run
 * that holds each row's bot, if one does.
 */
public record BotPage(BotQuery query, List<Bot> rows, int matching, int matchingWithKnowledge, int pageSize,
        CatalogSnapshot snapshot, StuckBots.Report stuck, Map<BotKey, String> heldBy) {

    public static BotPage of(CatalogSnapshot snapshot, BotQuery query, int pageSize, StuckBots.Report stuck) {
        List<Bot> matching = snapshot.bots().stream().filter(query.filter(stuck)).sorted(query.comparator()).toList();
        int pageCount = pageCount(matching.size(), pageSize);
        BotQuery onPage = query.page() > pageCount ? query.withPage(pageCount) : query;
        int from = (onPage.page() - 1) * pageSize;
        List<Bot> rows = matching.subList(from, Math.min(matching.size(), from + pageSize));
        int withKnowledge = (int) matching.stream().filter(Bot::hasKnowledge).count();
        return new BotPage(onPage, List.copyOf(rows), matching.size(), withKnowledge, pageSize, snapshot, stuck, Map.of());
    }

    /** The page with the active run of each row's bot, as {@code runOf} tells (one lookup per row). */
    public BotPage withRuns(Function<BotKey, Optional<String>> runOf) {
        Map<BotKey, String> held = new HashMap<>();
        rows.forEach(bot -> runOf.apply(bot.key()).ifPresent(run -> held.put(bot.key(), run)));
        return new BotPage(query, rows, matching, matchingWithKnowledge, pageSize, snapshot, stuck, Map.copyOf(held));
    }

    /** The active run that holds this bot, or null. */
    public String runOf(Bot bot) {
        return heldBy.get(bot.key());
    }

    /** Bots shown that "Re-embed the shown" leaves out unless asked: they have nothing to embed. */
    public int matchingWithoutKnowledge() {
        return matching - matchingWithKnowledge;
    }

    private static int pageCount(int rows, int pageSize) {
        return Math.max(1, (rows + pageSize - 1) / pageSize);
    }

    public int page() {
        return query.page();
    }

    public int pageCount() {
        return pageCount(matching, pageSize);
    }

    public boolean hasPrevious() {
        return query.page() > 1;
    }

    public boolean hasNext() {
        return query.page() < pageCount();
    }

    public BotQuery previous() {
        return query.withPage(query.page() - 1);
    }

    public BotQuery next() {
        return query.withPage(query.page() + 1);
    }

    public int total() {
        return snapshot.size();
    }

    public int firstRow() {
        return rows.isEmpty() ? 0 : (query.page() - 1) * pageSize + 1;
    }

    public int lastRow() {
        return rows.isEmpty() ? 0 : firstRow() + rows.size() - 1;
    }
}
