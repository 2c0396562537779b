package io.reembed.runs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.reembed.runs.AuditEvent;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunHead;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;

/**
 * What the engine expects of any run store, held by the in-memory store the engine's unit tests
 * use and by the DynamoDB store the console uses: versioned writes, the lease's conditions, the
 * order of requests, and a memory that holds only the runs the engine holds.
 */
abstract class RunRepositoryContract {

    static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    static final EcsLaunchSettings ECS = new EcsLaunchSettings("cluster", "family:1", "Container", List.of("subnet-1"),
            List.of("sg-1"), "DISABLED", "123456789012", "eu-central-1");

    /** A store on a fresh, empty table. */
    abstract RunRepository store();

    /** How many runs an engine view of this store remembers. */
    abstract int runsKept(RunRepository engineView);

    static Run run(String id, int bots) {
        return new Run(id, NOW, "alice", ECS, RunState.RUNNING, false, bots,
                List.of(new AuditEvent(NOW, "alice", "started", bots + " bots")), null, "test", RunTally.NONE,
                Steering.DEFAULT);
    }

    static RunBot bot(int n) {
        return RunBot.queued("user" + n, "user" + n + "#BOT#b" + n, "b" + n, "Bot " + n, NOW);
    }

    private static String stored(RunRepository store, String id) {
        RunRepository writer = store.forEngine();
        writer.saveBots(id, List.of(bot(1), bot(2)));
        writer.saveRun(run(id, 2));
        return id;
    }

    @Test
    void aBotWrittenByAnotherViewSinceThisOneTookItUpIsNotOverwritten() {
        RunRepository store = store();
        String id = stored(store, "r-bots");
        RunRepository one = store.forEngine();
        RunRepository other = store.forEngine();
        one.takeUp(id).orElseThrow();
        other.takeUp(id).orElseThrow();
        other.saveBot(id, bot(1).launching("token-other"));

        assertThrows(StaleStateException.class, () -> one.saveBot(id, bot(1).launching("token-one")));
        assertThrows(StaleStateException.class, () -> one.saveBots(id, List.of(bot(2).cancelled("no", NOW),
                bot(1).cancelled("no", NOW))), "a transaction with one stale bot writes none");
        List<RunBot> bots = store.loadBots(id);
        assertEquals("token-other", bots.stream().filter(b -> b.botId().equals("b1")).findFirst().orElseThrow()
                .clientToken(), "the newer state stands");
        assertTrue(bots.stream().filter(b -> b.botId().equals("b2")).allMatch(b -> b.reason() == null),
                "nothing of the refused transaction was written");

        one.takeUp(id).orElseThrow();
        one.saveBot(id, bot(1).cancelled("read again first", NOW));
        assertThrows(StaleStateException.class, () -> other.saveBot(id, bot(1).launching("again")));
    }

    @Test
    void aRunWrittenByAnotherViewSinceThisOneTookItUpIsNotOverwritten() {
        RunRepository store = store();
        String id = stored(store, "r-run");
        RunRepository lost = store.forEngine();
        RunRepository taking = store.forEngine();
        Run asLostSawIt = lost.takeUp(id).orElseThrow().run();
        Run taken = taking.takeUp(id).orElseThrow().run();
        taking.saveRun(taken.withAudit(new AuditEvent(NOW, "copy b", "taken up", "")));

        assertThrows(StaleStateException.class, () -> lost.saveRun(asLostSawIt.cancelling()),
                "a cancel from a copy that lost the lease does not overwrite the new holder's run");
        Run now = store.findRun(id).orElseThrow();
        assertFalse(now.cancelRequested());
        assertEquals(List.of("started", "taken up"), now.audit().stream().map(AuditEvent::action).toList());

        Run again = taking.takeUp(id).orElseThrow().run();
        taking.saveRun(again.withAudit(new AuditEvent(NOW, "alice", "cancelled", "")).cancelling());
        Run cancelled = store.findRun(id).orElseThrow();
        assertTrue(cancelled.cancelRequested());
        assertEquals(List.of("started", "taken up", "cancelled"),
                cancelled.audit().stream().map(AuditEvent::action).toList(), "each event once, in order");
    }

    @Test
    void runHeadsSayWhatTheRunsSayNewestFirst() {
        RunRepository store = store();
        RunRepository writer = store.forEngine();
        for (String id : List.of("r20260101-000001-heads", "r20260101-000002-heads", "r20260101-000003-heads")) {
            writer.saveBots(id, List.of(bot(1)));
            writer.saveRun(run(id, 1));
        }
        writer.takeUp("r20260101-000002-heads").orElseThrow();
        writer.saveRun(store.findRun("r20260101-000002-heads").orElseThrow().withState(RunState.FINISHED, NOW)
                .withAudit(new AuditEvent(NOW, "copy a", "finished", "")));

        List<RunHead> heads = store.listRunHeads(2);
        int newest = store.findRun("r20260101-000003-heads").orElseThrow().audit().size();
        int ended = store.findRun("r20260101-000002-heads").orElseThrow().audit().size();
        assertEquals(List.of(new RunHead("r20260101-000003-heads", RunState.RUNNING, null, newest),
                new RunHead("r20260101-000002-heads", RunState.FINISHED, NOW, ended)), heads);
        assertTrue(ended > newest, "the count follows the trail");
        assertEquals(store.listRuns(2).stream().map(Run::id).toList(), heads.stream().map(RunHead::id).toList());
    }

    @Test
    void aViewThatOnlyReadsCanStoreANewRunButNeverOverwriteOne() {
        RunRepository store = store();
        store.saveBots("r-new", List.of(bot(1)));
        store.saveRun(run("r-new", 1));
        assertThrows(StaleStateException.class, () -> store.saveRun(run("r-new", 1).cancelling()));
        assertThrows(StaleStateException.class, () -> store.saveBot("r-new", bot(1).launching("t")));
        assertThrows(StaleStateException.class, () -> store.forEngine().saveRun(run("r-new", 1)),
                "a run not taken up counts as new, and it exists");
    }

    @Test
    void theEngineViewRemembersOnlyTheRunsItHolds() {
        RunRepository store = store();
        RunRepository engine = store.forEngine();
        for (int i = 0; i < 5; i++) {
            stored(store, "r-kept-" + i);
            engine.takeUp("r-kept-" + i).orElseThrow();
            store.findRun("r-kept-" + i).orElseThrow();
            store.loadBots("r-kept-" + i);
        }
        assertEquals(5, runsKept(engine));
        for (int i = 0; i < 5; i++) {
            engine.letGo("r-kept-" + i);
        }
        assertEquals(0, runsKept(engine), "runs let go are forgotten");
        assertEquals(0, runsKept(store), "reading for a page remembers nothing");
        assertThrows(StaleStateException.class, () -> engine.saveBot("r-kept-0", bot(1).launching("t")),
                "a run let go is written only after it is taken up again");
        assertTrue(engine.takeUp("r-none").isEmpty());
    }

    @Test
    void theLeaseIsHeldByOneProcessAtATimeWhateverTheCopiesAreCalled() {
        RunRepository store = store();
        assertTrue(store.takeLease("console", "token-a", NOW, NOW.plusSeconds(6)));
        assertTrue(store.takeLease("console", "token-a", NOW.plusSeconds(2), NOW.plusSeconds(8)), "renewed");
        assertFalse(store.takeLease("console", "token-b", NOW.plusSeconds(3), NOW.plusSeconds(9)),
                "another process with the same name does not take a lease that has not run out");
        assertEquals("token-a", store.lease().orElseThrow().token());
        assertTrue(store.takeLease("console-2", "token-b", NOW.plusSeconds(9), NOW.plusSeconds(15)),
                "taken once it ran out");
        assertFalse(store.takeLease("console", "token-a", NOW.plusSeconds(10), NOW.plusSeconds(16)),
                "the old holder cannot renew it");
        store.releaseLease("token-a");
        assertEquals("console-2", store.lease().orElseThrow().holder(), "only the holder gives it up");
        store.releaseLease("token-b");
        assertTrue(store.lease().isEmpty());
    }

    @Test
    void requestsComeBackInTheOrderTheyWereMade() {
        RunRepository store = store();
        EngineRequest second = EngineRequest.of(NOW.plusMillis(5), "bob", new EngineCommand.Pause("r-1"));
        EngineRequest first = EngineRequest.of(NOW, "alice", new EngineCommand.Cancel("r-1"));
        EngineRequest third = EngineRequest.of(NOW.plusSeconds(1), "carol", new EngineCommand.Limits(null, 5));
        EngineRequest fourth = EngineRequest.of(NOW.plusSeconds(2), "dave", new EngineCommand.Retry("r-1",
                List.of(new io.reembed.bots.BotKey("u1", "u1#BOT#b1")), io.reembed.runs.FailureKind.KILLED));
        EngineRequest fifth = EngineRequest.of(NOW.plusSeconds(3), "erin", new EngineCommand.ConfiguredLimits());
        store.saveRequest(fifth);
        store.saveRequest(fourth);
        store.saveRequest(second);
        store.saveRequest(third);
        store.saveRequest(first);
        assertEquals(List.of("alice", "bob", "carol", "dave", "erin"),
                store.requests().stream().map(EngineRequest::who).toList());
        store.answerRequest(first.id(), Map.of("active", "true"));
        assertEquals(Map.of("active", "true"), store.findRequest(first.id()).orElseThrow().outcome());
        assertEquals(new EngineCommand.Cancel("r-1"), store.findRequest(first.id()).orElseThrow().command(),
                "the command is kept with its answer");
        for (EngineRequest stored : List.of(second, third, fourth, fifth)) {
            assertEquals(stored, store.findRequest(stored.id()).orElseThrow(), "the same command comes back");
        }
        store.deleteRequest(first.id());
        store.answerRequest(first.id(), Map.of("active", "false"));
        assertTrue(store.findRequest(first.id()).isEmpty(), "an answer to a request nobody waits for any more is dropped");
        assertEquals(List.of("bob", "carol", "dave", "erin"), store.requests().stream().map(EngineRequest::who).toList());
    }
}
