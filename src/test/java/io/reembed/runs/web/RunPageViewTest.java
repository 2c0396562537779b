package io.reembed.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.reembed.bots.UnknownFilterException;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;

/** The run page's view of a snapshot: rows by state and page, failures grouped by kind and reason, the bar, the words. */
class RunPageViewTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    private static RunSnapshot snapshot(List<RunBot> bots) {
        Run run = new Run("r20261202-100000-abcdef", T0, "alice", new EcsLaunchSettings("c", "td:1", "Container",
                List.of("subnet-1"), List.of("sg-1"), "DISABLED", "123456789012", "us-east-1"), RunState.RUNNING, false,
                bots.size(), List.of(new AuditEvent(T0, "alice", "started", "")), null, "test", RunTally.of(bots),
                Steering.DEFAULT);
        return new RunSnapshot(run.withTally(RunTally.of(bots)), bots, T0.plusSeconds(125));
    }

    private static List<RunBot> bots() {
        List<RunBot> bots = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            bots.add(RunBot.queued("u" + i, "u" + i + "#BOT#b" + i, "b" + i, "Bot " + i, T0));
        }
        bots.set(0, bots.get(0).launching("t0").launched("arn:aws:ecs:us-east-1:1:task/c/0", "RUNNING", T0));
        bots.set(1, bots.get(1).failed("Embedding failed: 404 Not Found", FailureKind.CONTENT, T0.plusSeconds(60)));
        bots.set(2, bots.get(2).failed("Embedding failed: 404 Not Found", FailureKind.CONTENT, T0.plusSeconds(61)));
        bots.set(3, bots.get(3).failed("", FailureKind.START, T0.plusSeconds(62)));
        bots.set(4, bots.get(4).cancelled("the run was cancelled by bob", T0.plusSeconds(70)));
        return bots;
    }

    @Test
    void rowsAreOrderedByStateThenTitleAndPaged() {
        RunPageView first = RunPageView.of(snapshot(bots()), null, 1, 3, Map.of(), null);
        assertEquals(List.of("b0", "b1", "b2"), first.rows().stream().map(RunBot::botId).toList(),
                "what runs first, then failures");
        assertEquals(3, first.pageCount());
        RunPageView last = RunPageView.of(snapshot(bots()), null, 99, 3, Map.of(), null);
        assertEquals(3, last.page(), "a page past the end shows the last one");
        assertEquals(List.of("b4"), last.rows().stream().map(RunBot::botId).toList(), "cancelled last");
        assertEquals("/runs/r20261202-100000-abcdef?page=2", first.pageHref(2));

        RunPageView failed = RunPageView.of(snapshot(bots()), "failed", 1, 50, Map.of(), null);
        assertEquals("FAILED", failed.stateFilter());
        assertEquals(3, failed.matching());
        assertEquals("/runs/r20261202-100000-abcdef?state=FAILED", failed.liveHref());
        assertThrows(UnknownFilterException.class, () -> RunPageView.of(snapshot(bots()), "DONE", 1, 50, Map.of(), null),
                "an unknown state is refused, not taken for every state");
    }

    @Test
    void failuresAreGroupedByKindMostFrequentFirstWithTheirReasons() {
        RunPageView view = RunPageView.of(snapshot(bots()), null, 1, 50, Map.of(), null);
        List<RunPageView.KindGroup> kinds = view.kindGroups();
        assertEquals(List.of(FailureKind.CONTENT, FailureKind.START), kinds.stream().map(RunPageView.KindGroup::kind).toList());
        assertEquals(2, kinds.get(0).count());
        assertEquals("Embedding failed: 404 Not Found", kinds.get(0).reasons().get(0).reason());
        assertEquals("no reason given", kinds.get(1).reasons().get(0).reason());
        assertTrue(view.retryable());
    }

    @Test
    void theBarAndItsWordsAddUpToTheRun() {
        RunPageView view = RunPageView.of(snapshot(bots()), null, 1, 50, Map.of(), null);
        List<RunPageView.Segment> segments = view.segments();
        assertEquals(List.of("failed", "cancelled", "inflight", "queued"),
                segments.stream().map(RunPageView.Segment::kind).toList());
        assertEquals(100.0, segments.stream().mapToDouble(RunPageView.Segment::width).sum(), 0.05);
        assertEquals("3 failed, 1 cancelled, 1 in flight, 2 queued", view.segmentsLabel());
        assertEquals("2 min 05 s", view.durationLabel());
    }

    /** Paused time is no working time: left out of the duration and the throughput, and said. */
    @Test
    void pausedTimeIsLeftOutOfDurationsAndSaid() {
        List<RunBot> bots = bots();
        RunSnapshot running = snapshot(bots);
        Run paused = running.run().withAudit(new AuditEvent(T0.plusSeconds(10), "alice", "paused", ""))
                .withAudit(new AuditEvent(T0.plusSeconds(70), "alice", "resumed", ""));
        RunPageView view = RunPageView.of(new RunSnapshot(paused, bots, T0.plusSeconds(125)), null, 1, 50, Map.of(), null);
        assertEquals("1 min 05 s", view.durationLabel(), "125 s less 60 s paused");
        assertEquals("paused 1 min 00 s, not counted", view.pausedLabel());

        Run stillPaused = running.run().withAudit(new AuditEvent(T0.plusSeconds(100), "failure brake", "paused", "brake"));
        RunPageView braked = RunPageView.of(new RunSnapshot(stillPaused, bots, T0.plusSeconds(125)), null, 1, 50, Map.of(),
                null);
        assertEquals("1 min 40 s", braked.durationLabel(), "the pause goes on until now");
        assertEquals("", RunPageView.of(running, null, 1, 50, Map.of(), null).pausedLabel());
    }

    @Test
    void durationsReadAsAPersonSaysThem() {
        assertEquals("59 s", RunPageView.label(Duration.ofSeconds(59)));
        assertEquals("1 min 00 s", RunPageView.label(Duration.ofSeconds(60)));
        assertEquals("1 h 04 min", RunPageView.label(Duration.ofMinutes(64).plusSeconds(59)));
    }
}
