package io.reembed.runs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class OutcomeJudgeTest {

    private static final String TASK = "arn:aws:ecs:us-east-1:123456789012:task/c/abc123";
    private static final RunBot BOT = RunBot.queued("u", "u#BOT#B", "B", "Bot", Instant.EPOCH)
            .launching("t").launched(TASK, "PROVISIONING", Instant.EPOCH);

    @Test
    void succeedsOnlyWithExitZeroAndItsOwnSucceededStatus() {
        Verdict verdict = OutcomeJudge.stopped(BOT, stopped(0, null), sync("SUCCEEDED", "abc123"));
        assertEquals(BotState.SUCCEEDED, verdict.state());
    }

    @Test
    void aSucceededStatusOfAnotherTaskProvesNothing() {
        Verdict verdict = OutcomeJudge.stopped(BOT, stopped(0, null), sync("SUCCEEDED", "older-task"));
        assertEquals(BotState.FAILED, verdict.state());
        assertTrue(verdict.reason().contains("for another task (older-task)"), verdict.reason());
    }

    @Test
    void aCaughtEmbeddingErrorIsAContentFailureDespiteExitZero() {
        Verdict verdict = OutcomeJudge.stopped(BOT, stopped(0, null), sync("FAILED", "abc123"));
        assertEquals(BotState.FAILED, verdict.state());
        assertEquals(FailureKind.CONTENT, verdict.kind());
        assertTrue(verdict.reason().startsWith("Embedding failed: boom"));
    }

    @Test
    void aKilledContainerIsKilledAndSaysTheStatusWasLeftRunning() {
        Verdict verdict = OutcomeJudge.stopped(BOT, stopped(137, "OutOfMemoryError: killed"), sync("RUNNING", "abc123"));
        assertEquals(FailureKind.KILLED, verdict.kind());
        assertEquals(FailureKind.Advice.CONTENT, verdict.kind().group(), "not retried blindly: a larger task is the cure");
        assertTrue(verdict.reason().contains("RUNNING for this task"), verdict.reason());
    }

    @Test
    void aTaskThatFailedToStartIsAStartFailureAndTransient() {
        TaskReport report = new TaskReport(TASK, "STOPPED", "TaskFailedToStart", "CannotPullContainerError: x", null,
                null, null);
        Verdict verdict = OutcomeJudge.stopped(BOT, report, sync("SUCCEEDED", "older"));
        assertEquals(FailureKind.START, verdict.kind());
        assertEquals(FailureKind.Advice.TRANSIENT, verdict.kind().group());
        assertTrue(verdict.reason().contains("CannotPullContainerError"));
    }

    @Test
    void eachFailureGetsTheKindItsOwnWordsGive() {
        TaskReport spot = new TaskReport(TASK, "STOPPED", "SpotInterruption", "Your Spot Task was interrupted.", 143,
                null, null);
        assertEquals(FailureKind.INTERRUPTED, OutcomeJudge.stopped(BOT, spot, sync("RUNNING", "abc123")).kind());
        TaskReport noBot = stopped(1, null);
        assertEquals(FailureKind.INPUT, OutcomeJudge.stopped(BOT, noBot, sync("SUCCEEDED", "older")).kind(),
                "exit 1 before the script recorded anything");
        TaskReport byHand = new TaskReport(TASK, "STOPPED", "UserInitiated", "Task stopped by someone", 137, null, null);
        assertEquals(FailureKind.STOPPED, OutcomeJudge.stopped(BOT, byHand, sync("RUNNING", "abc123")).kind(),
                "a stop ends in exit 137 after its grace: stopped, not killed for memory");
        TaskReport stoppedEarly = new TaskReport(TASK, "STOPPED", "UserInitiated", "Task stopped by someone", null, null,
                null);
        assertEquals(FailureKind.STOPPED, OutcomeJudge.stopped(BOT, stoppedEarly, sync("SUCCEEDED", "older")).kind());
        assertEquals(FailureKind.LOST, OutcomeJudge.lost(BOT, sync("RUNNING", "abc123")).kind());
        assertEquals("content", FailureKind.CONTENT.word());
    }

    @Test
    void aLostTaskIsJudgedByTheBotsOwnRecord() {
        assertEquals(BotState.SUCCEEDED, OutcomeJudge.lost(BOT, sync("SUCCEEDED", "abc123")).state());
        Verdict unknown = OutcomeJudge.lost(BOT, sync("QUEUED", null));
        assertEquals(BotState.FAILED, unknown.state());
        assertTrue(unknown.reason().contains("MISSING"));
        assertEquals(BotState.FAILED, OutcomeJudge.lost(BOT, BotSyncState.GONE).state());
    }

    private static TaskReport stopped(Integer exit, String reason) {
        return new TaskReport(TASK, "STOPPED", "EssentialContainerExited", "Essential container in task exited", exit,
                reason, Instant.EPOCH);
    }

    private static BotSyncState sync(String status, String execId) {
        return new BotSyncState(true, status, "boom", execId);
    }
}
