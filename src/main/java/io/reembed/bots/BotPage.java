package io.reembed.bots;

import java.util.List;

/** One page of the filtered, sorted bot list, with what the pager and the summary line need. */
public record BotPage(BotQuery query, List<Bot> rows, int matching, int pageSize, CatalogSnapshot snapshot,
        StuckBots.Report stuck) {

    public static BotPage of(CatalogSnapshot snapshot, BotQuery query, int pageSize, StuckBots.Report stuck) {
        List<Bot> matching = snapshot.bots().stream().filter(query.filter(stuck)).sorted(query.comparator()).toList();
        int pageCount = pageCount(matching.size(), pageSize);
        BotQuery onPage = query.page() > pageCount ? query.withPage(pageCount) : query;
        int from = (onPage.page() - 1) * pageSize;
        List<Bot> rows = matching.subList(from, Math.min(matching.size(), from + pageSize));
        return new BotPage(onPage, List.copyOf(rows), matching.size(), pageSize, snapshot, stuck);
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
