package io.reembed.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.Run;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;

/** Which entries of a run's trail are events, and what a person reads of each. */
class RunEventsTest {

    private static final Instant AT = Instant.parse("2026-12-02T07:00:00Z");
    private static final EcsLaunchSettings ECS = new EcsLaunchSettings("cluster", "family:1", "Container",
            List.of("subnet-1"), List.of("sg-1"), "DISABLED", "123456789012", "eu-west-1");
    private static final Optional<URI> CONSOLE = Optional.of(URI.create("https://reembed.example.com/"));

    @Test
    void theTrailsEntriesThatAPersonActsOnAreEvents() {
        Run run = run(RunState.CANCELLED, List.of(
                new AuditEvent(AT, "alice", "started", "3 bots; from the bot list; failure brake after 10 bots at 20 %"),
                new AuditEvent(AT.plusSeconds(10), "alice", "concurrency", "2 tasks in flight"),
                new AuditEvent(AT.plusSeconds(20), "failure brake", "paused", "failure brake: 2 of 2 finished bots failed"
                        + " (more than 20 %); by kind: content 2"),
                new AuditEvent(AT.plusSeconds(30), "bob", "resumed", ""),
                new AuditEvent(AT.plusSeconds(40), "console", "no progress", "no bot changed state for 15 min; 1 bot queued, 0 in flight"),
                new AuditEvent(AT.plusSeconds(50), "carol", "cancelled", ""),
                new AuditEvent(AT.plusSeconds(60), "console", "ended", "cancelled, 1 succeeded, 2 failed in 1 min 00 s")));
        List<RunEvent> events = RunEvents.of(run, "BedrockChatStack", CONSOLE);
        assertEquals(List.of("started", "braked", "resumed", "stalled", "cancelled"),
                events.stream().map(RunEvent::type).toList());
        assertEquals(List.of("r1.0", "r1.2", "r1.3", "r1.4", "r1.6"), events.stream().map(RunEvent::id).toList());
        assertEquals("Run r1 started by alice: 3 bots; from the bot list; failure brake after 10 bots at 20 %. "
                + "https://reembed.example.com/runs/r1", events.get(0).text());
        assertEquals("Run r1 paused by its failure brake: 2 of 2 finished bots failed (more than 20 %); by kind: content 2. "
                + "https://reembed.example.com/runs/r1", events.get(1).text());
        assertEquals("Re-embed run r1 paused by its failure brake", events.get(1).subject());
        RunEvent end = events.get(4);
        assertEquals("carol", end.who(), "who cancelled it");
        assertEquals("Run r1 cancelled, 1 succeeded, 2 failed in 1 min 00 s (cancelled by carol): 1 succeeded, 2 failed, "
                + "0 cancelled. https://reembed.example.com/runs/r1", end.text());
        assertEquals("eu-west-1", end.fields().get("region"));
        assertNull(events.get(0).tally(), "only an ended run's event carries the tally");
    }

    @Test
    void aRunRetriedAfterItsEndEndsAgainWithItsOwnEvent() {
        Run run = run(RunState.FINISHED, List.of(new AuditEvent(AT, "alice", "started", "1 bot"),
                new AuditEvent(AT.plusSeconds(60), "console", "ended", "finished, 1 failed in 1 min 00 s"),
                new AuditEvent(AT.plusSeconds(120), "bob", "retried", "1 bot"),
                new AuditEvent(AT.plusSeconds(180), "console", "ended", "finished, all succeeded in 2 min 00 s")));
        List<RunEvent> events = RunEvents.of(run, "BedrockChatStack", Optional.empty());
        assertEquals(List.of("started", "finished", "finished"), events.stream().map(RunEvent::type).toList());
        assertNull(events.get(1).tally(), "the first end's tally is no longer the run's");
        assertEquals(1, events.get(2).tally().succeeded());
        assertEquals("Run r1 finished, all succeeded in 2 min 00 s: 1 succeeded, 0 failed, 0 cancelled.", events.get(2).text(),
                "no link without reembed.notify.console-url");
    }

    private static Run run(RunState state, List<AuditEvent> audit) {
        return new Run("r1", AT, "alice", ECS, state, state == RunState.CANCELLED, 3, audit, AT.plusSeconds(200), "test",
                state == RunState.CANCELLED ? new RunTally(1, 2, 0, 0, 0) : new RunTally(1, 0, 0, 0, 0), Steering.DEFAULT);
    }
}
