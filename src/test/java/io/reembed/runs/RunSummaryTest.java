package io.reembed.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import io.reembed.deployment.EcsLaunchSettings;

/** What a run says about itself: its outcome in words, and figures that stop when it stops. */
class RunSummaryTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private static final EcsLaunchSettings ECS = new EcsLaunchSettings("c", "td", "Container", List.of("s"),
            List.of("g"), "DISABLED");

    /** A failure retried three minutes after the run ended: the idle minutes between are not its working time. */
    @Test
    void theTimeBetweenAnEndAndALateRetryIsNotCounted() {
        List<AuditEvent> trail = List.of(new AuditEvent(START, "alice", "started", "4 bots"),
                new AuditEvent(START.plusSeconds(240), "console", "ended", "finished, 1 failed in 4 min 00 s"),
                new AuditEvent(START.plusSeconds(420), "bob", "retried", "1 bot"),
                new AuditEvent(START.plusSeconds(480), "console", "ended", "finished, all succeeded in 5 min 00 s"));
        Run run = new Run("r1", START, "alice", ECS, RunState.FINISHED, false, 4, trail, START.plusSeconds(480), "test",
                new RunTally(4, 0, 0, 0, 0), Steering.DEFAULT);
        assertEquals(java.time.Duration.ofMinutes(5), run.duration(START.plusSeconds(900)));
        Run again = new Run("r1", START, "alice", ECS, RunState.RUNNING, false, 4, trail.subList(0, 3), null, "test",
                new RunTally(3, 0, 0, 1, 0), Steering.DEFAULT);
        assertEquals(java.time.Duration.ofMinutes(5), again.duration(START.plusSeconds(480)), "while the retry runs");
    }

    @Test
    void aRunWithFailuresIsNotAPlainFinished() {
        assertEquals("finished, all succeeded", outcome(RunState.FINISHED, false, new RunTally(5, 0, 0, 0, 0)));
        assertEquals("finished, 4 failed", outcome(RunState.FINISHED, false, new RunTally(40, 4, 0, 0, 0)));
        assertEquals("cancelled, 12 succeeded, 1 failed", outcome(RunState.CANCELLED, true, new RunTally(12, 1, 30, 0, 0)));
        assertEquals("cancelled", outcome(RunState.CANCELLED, true, new RunTally(0, 0, 3, 0, 0)));
        assertEquals("running", outcome(RunState.RUNNING, false, new RunTally(1, 0, 0, 2, 3)));
        assertEquals("cancelling", outcome(RunState.RUNNING, true, new RunTally(1, 0, 0, 2, 0)));
    }

    @Test
    void throughputIsFrozenWhenTheRunEndsAndCancelledBotsAreNotDone() {
        List<RunBot> bots = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RunBot bot = RunBot.queued("u", "BOT#" + i, "b" + i, "t", START).launching("tok" + i)
                    .launched("arn:task/t" + i, "PROVISIONING", START.plusSeconds(i));
            bots.add(i < 3 ? bot.finished(new Verdict(BotState.SUCCEEDED, "STOPPED", null, 0, "SUCCEEDED", null, null,
                    null), START.plusSeconds(60)) : bot.cancelled("Task stopped", START.plusSeconds(60)));
        }
        Run run = new Run("r1", START, "alice", ECS, RunState.CANCELLED, true, 4, List.of(), START.plusSeconds(120),
                "4 selected bots", RunTally.of(bots), Steering.DEFAULT);

        RunSnapshot soon = new RunSnapshot(run, bots, START.plusSeconds(130));
        RunSnapshot muchLater = new RunSnapshot(run, bots, START.plus(Duration.ofDays(2)));

        assertEquals(3, soon.done(), "the cancelled bot is not done");
        assertEquals(soon.throughputPerMinute(), muchLater.throughputPerMinute(), "frozen at the run's end");
        assertEquals(1.5, soon.throughputPerMinute(), 0.001, "3 bots over the 2 minutes the run was active");
        assertEquals(Duration.ofMinutes(2), run.duration(START.plus(Duration.ofDays(2))));
    }

    @Test
    void waitingForCapacityGivesNoEtaButSaysWhy() {
        RunBot waiting = RunBot.queued("u", "BOT#w", "w", "t", START).launching("tok")
                .requeued("Waiting for capacity: You've reached the limit", START.plusSeconds(5));
        RunBot running = RunBot.queued("u", "BOT#r", "r", "t", START).launching("tok2")
                .launched("arn:task/r", "RUNNING", START).observed(BotState.RUNNING, "RUNNING", START, null);
        RunBot done = RunBot.queued("u", "BOT#d", "d", "t", START).launching("tok3").launched("arn:task/d", "RUNNING",
                START).finished(new Verdict(BotState.SUCCEEDED, "STOPPED", null, 0, "SUCCEEDED", null, null, null),
                START.plusSeconds(60));
        List<RunBot> bots = List.of(waiting, running, done);
        Run run = new Run("r2", START, "alice", ECS, RunState.RUNNING, false, 3, List.of(), null, "3 selected bots",
                RunTally.of(bots), Steering.DEFAULT);

        RunSnapshot snapshot = new RunSnapshot(run, bots, START.plusSeconds(120));

        assertEquals(1, snapshot.waitingForCapacity());
        assertEquals(1, snapshot.tasksRunning());
        assertNull(snapshot.eta(), "no ETA that only grows while capacity is the limit");
    }

    private static String outcome(RunState state, boolean cancelRequested, RunTally tally) {
        return new Run("r", START, "a", ECS, state, cancelRequested, tally.total(), List.of(),
                state == RunState.RUNNING ? null : START.plusSeconds(60), "s", tally, Steering.DEFAULT).outcome();
    }
}
