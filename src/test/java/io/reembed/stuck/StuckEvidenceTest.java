package io.reembed.stuck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.reembed.bots.Bot;
import io.reembed.bots.KnowledgeSummary;

/** Which RUNNING or QUEUED bots are stuck, and the evidence each gets, from what ECS says about their task. */
class StuckEvidenceTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private final StuckEvidence evidence = new StuckEvidence(Duration.ofMinutes(10), Duration.ofHours(6));

    private static Bot bot(String status, String execId) {
        return new Bot("u", "u#BOT#b", "b", "t", new KnowledgeSummary(1, 0, 0), status, "", execId, null, false,
                List.of());
    }

    private static StuckEvidence.TaskSeen stopped(String code, String reason, Integer exit) {
        return new StuckEvidence.TaskSeen("STOPPED", code, reason, exit, NOW.minusSeconds(600), NOW.minusSeconds(300),
                false);
    }

    @Test
    void aRunningBotWhoseTaskStoppedIsStuckAtOnceWithTheStopCodeAndTime() {
        assertEquals("its task abc stopped at 2026-12-01 11:55:00 UTC (EssentialContainerExited: Essential container "
                + "in task exited, exit code 137) without writing a result: SyncStatus still says RUNNING",
                evidence.of(bot("RUNNING", "abc"), stopped("EssentialContainerExited", "Essential container in task exited",
                        137), NOW, NOW));
    }

    @Test
    void aRunningBotEcsNoLongerKnowsIsStuck() {
        assertEquals("ECS no longer knows its task abc (stopped tasks are forgotten after about an hour): SyncStatus "
                + "still says RUNNING", evidence.of(bot("RUNNING", "abc"), StuckEvidence.TaskSeen.MISSING, NOW, NOW));
        assertEquals("RUNNING with no task recorded (LastExecId empty)",
                evidence.of(bot("RUNNING", null), StuckEvidence.TaskSeen.NOT_ASKED, NOW, NOW));
    }

    @Test
    void aQueuedBotGetsTimeForTheStacksTriggerBeforeItIsStuck() {
        Bot queued = bot("QUEUED", null);
        assertNull(evidence.of(queued, StuckEvidence.TaskSeen.NOT_ASKED, NOW.minusSeconds(60), NOW));
        assertEquals("QUEUED for over 10 min with no task recorded (LastExecId empty): the stack's trigger did not "
                + "start one", evidence.of(queued, StuckEvidence.TaskSeen.NOT_ASKED, NOW.minusSeconds(601), NOW));
        Bot requeued = bot("QUEUED", "old");
        assertNull(evidence.of(requeued, stopped("EssentialContainerExited", "", 0), NOW.minusSeconds(60), NOW));
        assertEquals("QUEUED for over 10 min and no new task: its task old stopped at 2026-12-01 11:55:00 UTC "
                + "(EssentialContainerExited, exit code 0)",
                evidence.of(requeued, stopped("EssentialContainerExited", "", 0), NOW.minusSeconds(601), NOW));
    }

    @Test
    void aTaskStillRunningIsFineUntilItRunsTooLong() {
        var running = new StuckEvidence.TaskSeen("RUNNING", null, null, null, NOW.minus(Duration.ofHours(1)), null,
                false);
        assertNull(evidence.of(bot("RUNNING", "abc"), running, NOW, NOW));
        var hung = new StuckEvidence.TaskSeen("RUNNING", null, null, null, NOW.minus(Duration.ofHours(7)), null, false);
        assertEquals("its task abc has been running since 2026-12-01 05:00:00 UTC, over 6 h",
                evidence.of(bot("RUNNING", "abc"), hung, NOW, NOW));
        var provisioning = new StuckEvidence.TaskSeen("PROVISIONING", null, null, null, null, null, false);
        assertNull(evidence.of(bot("QUEUED", "abc"), provisioning, NOW.minusSeconds(3600), NOW));
    }
}
