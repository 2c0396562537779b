package io.reembed.bots;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Predicate;

/**
 * The filters, sort order and page of the bot list, read from request parameters. An absent or
 * empty value means "any" (or the default order); a value the console does not know is refused
 * with {@link UnknownFilterException}, never taken as "any": a typo must not select every bot.
 */
public record BotQuery(String q, String status, String knowledge, String sort, String dir, int page) {

    public static final String STATUS_NONE = "NONE";
    /** Not a SyncStatus: RUNNING or QUEUED while ECS says its task is not (see {@link StuckBots}). */
    public static final String STATUS_STUCK = "STUCK";
    public static final List<String> STATUSES = List.of("QUEUED", "RUNNING", "SUCCEEDED", "FAILED",
            "ORIGINAL_NOT_FOUND", STATUS_NONE, STATUS_STUCK);
    public static final List<String> SORTS = List.of("title", "owner", "bot", "knowledge", "status", "lastUsed");
    private static final List<String> KNOWLEDGE = List.of("yes", "no");
    private static final List<String> DIRECTIONS = List.of("asc", "desc");
    public static final int MAX_QUERY_LENGTH = 200;

    /** A column of the bot table; {@code key} is its sort parameter. */
    public record Column(String key, String label, boolean sortable) {
    }

    private static final List<Column> COLUMNS = List.of(
            new Column("title", "Title", true),
            new Column("owner", "Owner (PK)", true),
            new Column("bot", "Bot id", true),
            new Column("knowledge", "Knowledge", true),
            new Column("status", "SyncStatus", true),
            new Column("exec", "Last exec id", false),
            new Column("lastUsed", "Last used", true));

    public static BotQuery of(String q, String status, String knowledge, String sort, String dir, Integer page) {
        String text = q == null ? "" : q.strip();
        if (text.length() > MAX_QUERY_LENGTH) {
            text = text.substring(0, MAX_QUERY_LENGTH);
        }
        String normalisedStatus = known("SyncStatus", status == null ? "" : status.strip().toUpperCase(Locale.ROOT),
                STATUSES);
        String normalisedKnowledge = known("knowledge", knowledge == null ? "" : knowledge.strip().toLowerCase(Locale.ROOT),
                KNOWLEDGE);
        String normalisedSort = known("sort", sort == null ? "" : sort.strip(), SORTS);
        if (normalisedSort.isEmpty()) {
            normalisedSort = "lastUsed";
        }
        String normalisedDir = known("dir", dir == null ? "" : dir.strip(), DIRECTIONS);
        if (normalisedDir.isEmpty()) {
            normalisedDir = normalisedSort.equals("lastUsed") ? "desc" : "asc";
        }
        return new BotQuery(text, normalisedStatus, normalisedKnowledge, normalisedSort, normalisedDir,
                page == null || page < 1 ? 1 : page);
    }

    private static String known(String parameter, String value, List<String> accepted) {
        if (!value.isEmpty() && !accepted.contains(value)) {
            throw new UnknownFilterException(parameter, value, accepted);
        }
        return value;
    }

    public static BotQuery defaults() {
        return of(null, null, null, null, null, 1);
    }

    /** The filter; STUCK selects what {@code stuck} found at its last check. */
    public Predicate<Bot> filter(StuckBots.Report stuck) {
        Predicate<Bot> filter = bot -> true;
        if (!q.isEmpty()) {
            String needle = q.toLowerCase(Locale.ROOT);
            filter = filter.and(bot -> contains(bot.title(), needle) || contains(bot.pk(), needle)
                    || contains(bot.botId(), needle));
        }
        if (status.equals(STATUS_STUCK)) {
            filter = filter.and(stuck::isStuck);
        } else if (!status.isEmpty()) {
            filter = filter.and(bot -> status.equals(bot.syncStatusLabel()));
        }
        if (!knowledge.isEmpty()) {
            boolean wanted = knowledge.equals("yes");
            filter = filter.and(bot -> bot.hasKnowledge() == wanted);
        }
        return filter;
    }

    public Comparator<Bot> comparator() {
        Comparator<Bot> order = switch (sort) {
            case "title" -> Comparator.comparing(Bot::displayTitle, String.CASE_INSENSITIVE_ORDER);
            case "owner" -> Comparator.comparing(Bot::pk);
            case "bot" -> Comparator.comparing(Bot::botId);
            case "knowledge" -> Comparator.comparingInt(bot -> bot.knowledge().total());
            case "status" -> Comparator.comparing(Bot::syncStatusLabel);
            default -> Comparator.comparing(Bot::lastBotUsed, Comparator.nullsFirst(Comparator.naturalOrder()));
        };
        order = "desc".equals(dir) ? order.reversed() : order;
        // A stable tie-break keeps paging consistent between requests.
        return order.thenComparing(Bot::pk).thenComparing(Bot::sk);
    }

    public BotQuery withPage(int newPage) {
        return new BotQuery(q, status, knowledge, sort, dir, Math.max(1, newPage));
    }

    /** The query sorted by {@code column}; the same column again flips the direction. */
    public BotQuery sortedBy(String column) {
        String newDir = column.equals(sort) && dir.equals("asc") ? "desc" : "asc";
        return new BotQuery(q, status, knowledge, column, newDir, 1);
    }

    public String sortMark(String column) {
        if (!column.equals(sort)) {
            return "";
        }
        return dir.equals("asc") ? "▲" : "▼";
    }

    public String ariaSort(String column) {
        if (!column.equals(sort)) {
            return "none";
        }
        return dir.equals("asc") ? "ascending" : "descending";
    }

    public List<String> statusOptions() {
        return STATUSES;
    }

    public List<Column> columns() {
        return COLUMNS;
    }

    /** The address of the bot list showing this query. */
    public String href() {
        String query = queryString();
        return query.isEmpty() ? "/bots" : "/bots?" + query;
    }

    /** What joins one more parameter to {@link #href()}. */
    public String separator() {
        return queryString().isEmpty() ? "?" : "&";
    }

    /** The filter in words: "SyncStatus FAILED, with knowledge, text \"wiki\""; empty when there is none. */
    public String filterLabel() {
        StringJoiner parts = new StringJoiner(", ");
        if (!status.isEmpty()) {
            parts.add(status.equals(STATUS_NONE) ? "never synced" : status.equals(STATUS_STUCK) ? "stuck"
                    : "SyncStatus " + status);
        }
        if (!knowledge.isEmpty()) {
            parts.add(knowledge.equals("yes") ? "with knowledge" : "without knowledge");
        }
        if (!q.isEmpty()) {
            parts.add("text \"" + q + "\"");
        }
        return parts.toString();
    }

    /** The bot list with only the filters (no sort or page): where a preset leads. */
    public String presetHref(String status, String knowledge) {
        return of(null, status, knowledge, null, null, 1).href();
    }

    public boolean filtered() {
        return !q.isEmpty() || !status.isEmpty() || !knowledge.isEmpty();
    }

    /** The query string that reproduces this query, defaults left out. */
    public String queryString() {
        StringJoiner parts = new StringJoiner("&");
        add(parts, "q", q);
        add(parts, "status", status);
        add(parts, "knowledge", knowledge);
        add(parts, "sort", sort);
        add(parts, "dir", dir);
        if (page > 1) {
            add(parts, "page", Integer.toString(page));
        }
        return parts.toString();
    }

    private static void add(StringJoiner parts, String name, String value) {
        if (!value.isEmpty()) {
            parts.add(name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static boolean contains(String haystack, String needle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(needle);
    }
}
