package io.reembed.runs.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.reembed.bots.BotKey;
import io.reembed.bots.UnknownFilterException;
import io.reembed.estimate.RunCosts;
import io.reembed.logs.LogTail;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.BotState;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.text.Words;

/**
 * One page of a run's bots, filtered by state, with the run's totals. Rendered for the live update
 * stream ({@code streamed}), a task's running time is left to the browser, which counts it from
 * {@code data-since}, so a row changes only when its bot does.
 */
public record RunPageView(RunSnapshot snapshot, String stateFilter, int page, int pageSize, List<RunBot> rows,
        int matching, Map<BotKey, List<LogTail>> tails, RunCosts.Comparison costs, boolean streamed) {

    private static final List<BotState> ORDER = List.of(BotState.RUNNING, BotState.STARTING, BotState.LAUNCHING,
            BotState.FAILED, BotState.QUEUED, BotState.CANCELLED, BotState.SKIPPED, BotState.SUCCEEDED);

    public static RunPageView of(RunSnapshot snapshot, String state, Integer page, int pageSize,
            Map<BotKey, List<LogTail>> tails, RunCosts.Comparison costs) {
        String filter = state == null ? "" : state.toUpperCase(Locale.ROOT);
        BotState wanted = parse(filter);
        List<RunBot> matching = snapshot.bots().stream()
                .filter(bot -> wanted == null || bot.state() == wanted)
                .sorted(Comparator.comparingInt((RunBot bot) -> ORDER.indexOf(bot.state()))
                        .thenComparing(RunBot::displayTitle, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(RunBot::sk))
                .toList();
        int pages = Math.max(1, (matching.size() + pageSize - 1) / pageSize);
        int current = Math.min(Math.max(page == null ? 1 : page, 1), pages);
        int from = (current - 1) * pageSize;
        return new RunPageView(snapshot, wanted == null ? "" : wanted.name(), current, pageSize,
                List.copyOf(matching.subList(from, Math.min(matching.size(), from + pageSize))), matching.size(), tails,
                costs, false);
    }

    /** The same page, rendered for the update stream. */
    public RunPageView forStream() {
        return new RunPageView(snapshot, stateFilter, page, pageSize, rows, matching, tails, costs, true);
    }

    /** The state asked for; none for every state; an unknown one is refused, not taken as "every". */
    private static BotState parse(String state) {
        if (state.isEmpty()) {
            return null;
        }
        for (BotState candidate : BotState.values()) {
            if (candidate.name().equals(state)) {
                return candidate;
            }
        }
        throw new UnknownFilterException("state", state,
                Arrays.stream(BotState.values()).map(BotState::name).toList());
    }

    /**
     * The last error line of a failed bot's kept log, when its reason does not already say it: what
     * the script left out (an empty SyncStatusReason) or could not write (a killed container).
     */
    public String logError(RunBot bot) {
        if (bot.state() != BotState.FAILED) {
            return null;
        }
        String line = LogTail.of(tails, bot.key(), bot.attempt()).map(LogTail::lastErrorLine).orElse(null);
        String message = line == null ? null : line.replaceFirst("^ERROR:__main__:", "");
        return message == null || bot.reason() != null && bot.reason().contains(message) ? null : message;
    }

    /** Failed bots grouped by reason, the largest groups first (at most five). */
    public record FailureGroup(String reason, long count) {
    }

    /**
     * The failed bots of one kind: how many, the most frequent reasons, and whether the engine
     * retries that kind by itself or why not.
     */
    public record KindGroup(FailureKind kind, long count, List<FailureGroup> reasons) {

        public String retryNote() {
            return kind.retriedAutomatically()
                    ? "transient: retried automatically as often as reembed.runs.auto-retries allows, then left to you"
                    : kind.notRetriedBecause();
        }
    }

    /** Failed bots grouped by kind, then by reason (three per kind): bounded whatever the run's size. */
    public List<KindGroup> kindGroups() {
        Map<FailureKind, Map<String, Long>> reasons = new EnumMap<>(FailureKind.class);
        for (RunBot bot : snapshot.bots()) {
            if (bot.state() == BotState.FAILED && bot.failureKind() != null) {
                reasons.computeIfAbsent(bot.failureKind(), k -> new HashMap<>()).merge(reasonOf(bot), 1L, Long::sum);
            }
        }
        List<KindGroup> groups = new ArrayList<>();
        reasons.forEach((kind, byReason) -> groups.add(new KindGroup(kind,
                byReason.values().stream().mapToLong(Long::longValue).sum(), top(byReason, 3))));
        groups.sort(Comparator.comparingLong(KindGroup::count).reversed());
        return groups;
    }

    /** Bots waiting for an automatic retry (their last attempt failed for a transient kind). */
    public long autoRetrying() {
        return snapshot.bots().stream().filter(bot -> bot.state() == BotState.QUEUED && !bot.earlier().isEmpty()
                && bot.earlier().get(bot.earlier().size() - 1).retriedAutomatically()).count();
    }

    private static String reasonOf(RunBot bot) {
        return bot.reason() == null || bot.reason().isBlank() ? "no reason given" : bot.reason();
    }

    private static List<FailureGroup> top(Map<String, Long> counts, int most) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(most).map(e -> new FailureGroup(e.getKey(), e.getValue())).toList();
    }

    public List<FailureGroup> failureGroups() {
        Map<String, Long> counts = new HashMap<>();
        for (RunBot bot : snapshot.bots()) {
            if (bot.state() == BotState.FAILED) {
                counts.merge(reasonOf(bot), 1L, Long::sum);
            }
        }
        return top(counts, 5);
    }

    public Run run() {
        return snapshot.run();
    }

    public List<BotState> states() {
        return ORDER;
    }

    public Map<BotState, Integer> counts() {
        return snapshot.counts();
    }

    public int pageCount() {
        return Math.max(1, (matching + pageSize - 1) / pageSize);
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pageCount();
    }

    public String href(String state, int toPage) {
        StringBuilder href = new StringBuilder("/runs/").append(run().id());
        String sep = "?";
        if (state != null && !state.isEmpty()) {
            href.append(sep).append("state=").append(state);
            sep = "&";
        }
        if (toPage > 1) {
            href.append(sep).append("page=").append(toPage);
        }
        return href.toString();
    }

    public String pageHref(int toPage) {
        return href(stateFilter, toPage);
    }

    public String liveHref() {
        return pageHref(page);
    }

    public String elapsed(RunBot bot) {
        if (streamed && ticking(bot)) {
            return "";
        }
        return label(bot.elapsed(snapshot.at()));
    }

    /** Bots are being launched: the only time an ETA means anything (not paused, not being cancelled). */
    public boolean launching() {
        return snapshot.live() && !run().paused() && !run().cancelRequested();
    }

    /** When the run was last paused (by a person or the failure brake), while it is. */
    public Instant pausedSince() {
        if (!snapshot.live() || !run().paused() || run().cancelRequested()) {
            return null;
        }
        Instant since = null;
        for (AuditEvent event : run().audit()) {
            if ("paused".equals(event.action())) {
                since = event.at();
            }
        }
        return since;
    }

    /** "stopping 3 tasks" while a cancelled run waits for its tasks to stop; empty otherwise. */
    public String stoppingLabel() {
        if (!snapshot.live() || !run().cancelRequested()) {
            return "";
        }
        int tasks = snapshot.tasksRunning() + snapshot.count(BotState.LAUNCHING);
        return tasks == 0 ? "stopping" : "stopping " + Words.count(tasks, "task");
    }

    /** Where the page listens for its updates: the same filter and page. */
    public String updatesHref() {
        String href = liveHref();
        int query = href.indexOf('?');
        return "/runs/" + run().id() + "/updates" + (query < 0 ? "" : href.substring(query));
    }

    /**
     * At most how long the update stream stays silent: 10 s while bots are launched or tasks are
     * stopped, a minute while the run is paused (an update still comes at once when something
     * changes). The page says it lost the console after a silence longer than this.
     */
    public int beatSeconds() {
        return launching() || run().cancelRequested() ? 10 : 60;
    }

    /** An element id for the bot's row, hex only, like its log row's. */
    public String rowId(RunBot bot) {
        return "bot-" + bot.logRowId().substring("log-".length());
    }

    /** A task in flight: its time grows until it ends, counted by the browser from its launch. */
    public boolean ticking(RunBot bot) {
        return bot.launchedAt() != null && bot.finishedAt() == null && !bot.state().terminal();
    }

    public String etaLabel() {
        Duration eta = snapshot.eta();
        if (eta == null) {
            return snapshot.waitingForCapacity() > 0 ? "unknown until capacity frees" : "estimating…";
        }
        return label(eta);
    }

    /** Why bots wait, when it is capacity: said instead of an ETA that only grows. */
    public String capacityNote() {
        int waiting = snapshot.waitingForCapacity();
        if (waiting == 0) {
            return "";
        }
        int running = snapshot.tasksRunning();
        return waiting + " waiting for capacity: " + Words.count(running, "task")
                + " running, the most ECS accepts now (the account's Fargate vCPU limit); they start as tasks end";
    }

    /** Working time: paused time is left out (and said, in {@link #pausedLabel()}). */
    public String durationLabel() {
        return label(run().duration(snapshot.at()));
    }

    /**
     * "paused 1 min 00 s, not counted" when the run stood paused; empty otherwise. While it is paused
     * the earlier pauses only: "paused since" says the current one without changing every second.
     */
    public String pausedLabel() {
        Instant since = pausedSince();
        Duration paused = run().pausedFor(since != null ? since : snapshot.end());
        return paused.isZero() ? "" : "paused " + label(paused) + ", not counted";
    }

    /** One part of the outcome bar: its kind (a CSS class), how many bots, and where it sits (0 to 100). */
    public record Segment(String kind, int count, double x, double width) {
    }

    /** The bar, segmented by outcome: succeeded, failed, cancelled, in flight, queued. */
    public List<Segment> segments() {
        var tally = run().tally();
        int[] counts = {tally.succeeded(), tally.failed(), tally.cancelled() + tally.skipped(), tally.inFlight(),
                tally.queued()};
        String[] kinds = {"succeeded", "failed", "cancelled", "inflight", "queued"};
        int total = Math.max(1, tally.total());
        List<Segment> segments = new ArrayList<>();
        double x = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                double width = counts[i] * 100.0 / total;
                segments.add(new Segment(kinds[i], counts[i], Math.round(x * 100) / 100.0,
                        Math.round(width * 100) / 100.0));
                x += width;
            }
        }
        return segments;
    }

    /** The bar in words, for screen readers. */
    public String segmentsLabel() {
        StringBuilder label = new StringBuilder();
        for (Segment segment : segments()) {
            label.append(label.isEmpty() ? "" : ", ").append(segment.count()).append(' ').append(segment.kind()
                    .equals("inflight") ? "in flight" : segment.kind());
        }
        return label.toString();
    }

    public String throughputLabel() {
        return String.format(Locale.ROOT, "%.1f bots/min", snapshot.throughputPerMinute());
    }

    public boolean retryable() {
        return snapshot.count(BotState.FAILED) > 0;
    }

    public static String label(Duration duration) {
        return Words.duration(duration);
    }
}
