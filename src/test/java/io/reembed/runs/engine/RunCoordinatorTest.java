package io.reembed.runs.engine;

import static io.reembed.runs.engine.EngineHarness.bot;
import static io.reembed.runs.engine.EngineHarness.bots;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.runs.BotState;
import io.reembed.runs.FailureKind;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.RunState;
import io.reembed.runs.Steering;

/** The engine's state machine on in-memory ports: every case in milliseconds, none waiting for real. */
class RunCoordinatorTest {

    @Test
    void launchesEachBotOnceWithinTheInFlightLimitAtTheRunTaskRate() {
        EngineHarness harness = new EngineHarness(50);
        List<Bot> bots = bots(200);
        Instant start = harness.clock.instant();

        String id = harness.start(bots);
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(RunState.FINISHED, run.run().state());
        assertEquals(200, run.count(BotState.SUCCEEDED));
        assertEquals(200, harness.ecs.tasksStartedBy(id).size(), "one task per bot");
        assertEquals(200, harness.ecs.runTaskCalls());
        assertTrue(harness.ecs.maxInFlight() <= 50, "in flight at most 50: " + harness.ecs.maxInFlight());
        assertTrue(Duration.between(start, harness.clock.instant()).toMillis() >= 200 * 1000 / 20,
                "no faster than 20 RunTask/s");
        assertEquals(1, harness.runsEnded);
    }

    /**
     * A poll gives way to a waiting command (a cancel, a pause): it reads nothing more and leaves the
     * tasks it has not read for its next cycle, which reads them all once nothing waits.
     */
    @Test
    void aPollGivesWayToAWaitingCommandAndReadsTheRestNextCycle() {
        EngineHarness harness = new EngineHarness(300);
        String id = harness.start(bots(250));
        harness.driveUntil(id, snapshot -> snapshot.count(BotState.QUEUED) + snapshot.count(BotState.LAUNCHING) == 0);
        Map<BotKey, BotState> before = states(harness.snapshot(id));
        long calls = harness.metrics.describeTasksCalls();

        harness.commandWaiting.set(true);
        harness.clock.advance(Duration.ofMinutes(5));
        harness.engine.cycle();
        assertEquals(calls, harness.metrics.describeTasksCalls(), "no DescribeTasks while a command waits");
        assertEquals(before, states(harness.snapshot(id)), "no bot moved on");

        harness.commandWaiting.set(false);
        harness.clock.advance(harness.settings.pollInterval());
        harness.engine.cycle();
        assertEquals(calls + 3, harness.metrics.describeTasksCalls(), "250 tasks read in three calls");
        assertTrue(states(harness.snapshot(id)).values().stream().allMatch(BotState::terminal),
                "every bot judged at the next cycle: " + harness.snapshot(id).counts());
    }

    private static Map<BotKey, BotState> states(RunSnapshot snapshot) {
        return snapshot.bots().stream().collect(java.util.stream.Collectors.toMap(RunBot::key, RunBot::state));
    }

    @Test
    void judgesEachEndingFromEcsAndTheBotsSyncStatusTogether() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(3);
        harness.ecs.fate(bots.get(1).key(), InMemoryEcs.Fate.CONTENT_FAILS);
        harness.ecs.fate(bots.get(2).key(), InMemoryEcs.Fate.KILLED_FOR_MEMORY);

        RunSnapshot run = harness.driveToEnd(harness.start(bots));

        assertEquals(BotState.SUCCEEDED, bot(run, bots.get(0).key()).state());
        RunBot content = bot(run, bots.get(1).key());
        assertEquals(BotState.FAILED, content.state());
        assertEquals(FailureKind.CONTENT, content.failureKind());
        assertTrue(content.reason().contains("Failed to load https://example.com/gone"), content.reason());
        RunBot killed = bot(run, bots.get(2).key());
        assertEquals(BotState.FAILED, killed.state(), "exit 137 with SyncStatus RUNNING is no success");
        assertEquals(FailureKind.KILLED, killed.failureKind());
        assertTrue(killed.reason().contains("killed (exit code 137)"), killed.reason());
    }

    @Test
    void throttledRunTaskCallsAreBackedOffAndRepeatedWithoutASecondTask() {
        EngineHarness harness = new EngineHarness();
        harness.ecs.throttleRunTasks(30);
        List<Bot> bots = bots(40);

        String id = harness.start(bots);
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(40, run.count(BotState.SUCCEEDED));
        assertEquals(30, harness.metrics.runTaskThrottled(), "every throttled call counted once, by the engine");
        assertEquals(70, harness.ecs.runTaskCalls());
        assertEquals(40, harness.ecs.tasksStartedBy(id).size());
    }

    @Test
    void aLostRunTaskAnswerIsAskedAgainWithTheSameTokenAndGetsTheSameTask() {
        EngineHarness harness = new EngineHarness();
        harness.ecs.loseRunTaskAnswers(5);
        List<Bot> bots = bots(10);

        String id = harness.start(bots);
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(10, run.count(BotState.SUCCEEDED));
        assertEquals(5, harness.metrics.runTaskUnanswered());
        assertEquals(10, harness.ecs.tasksStartedBy(id).size(), "the lost answers did not start second tasks");
        for (Bot bot : bots) {
            assertEquals(harness.ecs.tasksOf(bot.key()), List.of(bot(run, bot.key()).taskArn()));
        }
    }

    @Test
    void aRestartAfterACrashMidLaunchResumesWithoutASecondTaskOrALostBot() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(8);
        harness.ecs.loseRunTaskAnswers(8);
        String id = harness.start(bots);
        harness.engine.cycle();
        // Every bot is LAUNCHING with its token stored, and ECS started all eight tasks: then the crash.
        assertEquals(8, harness.store.loadBots(id).stream().filter(b -> b.state() == BotState.LAUNCHING).count());
        List<String> startedBeforeTheCrash = harness.ecs.tasksStartedBy(id);

        harness.restart();
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(8, run.count(BotState.SUCCEEDED));
        assertEquals(startedBeforeTheCrash, harness.ecs.tasksStartedBy(id), "no task started after the restart");
    }

    @Test
    void capacityFailuresRequeueTheBotAndTheEngineLaunchesOnlyAsTasksEnd() {
        EngineHarness harness = new EngineHarness(50);
        harness.ecs.capacity(10);
        List<Bot> bots = bots(60);

        String id = harness.start(bots);
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(60, run.count(BotState.SUCCEEDED));
        assertEquals(60, harness.ecs.tasksStartedBy(id).size());
        assertTrue(harness.metrics.capacityFailures() > 0);
        assertTrue(harness.ecs.maxInFlight() <= 10);
        assertTrue(harness.ecs.runTaskCalls() < 60 * 2, "the gauge keeps refusals few: " + harness.ecs.runTaskCalls());
    }

    @Test
    void aKnownCapacityIsFilledWithoutARefusedCall() {
        EngineHarness harness = new EngineHarness(50);
        harness.ecs.capacity(40);
        harness.engine.capacityCeiling(40);
        List<Bot> bots = bots(200);

        String id = harness.start(bots);
        harness.engine.cycle();
        assertEquals(40, harness.ecs.maxInFlight(), "the whole capacity at once");
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(200, run.count(BotState.SUCCEEDED));
        assertEquals(0, harness.metrics.capacityFailures());
        assertEquals(200, harness.ecs.runTaskCalls(), "one RunTask per bot");
    }

    @Test
    void aPausedRunLaunchesNothingNewTracksWhatIsInFlightAndResumesWithoutASecondTask() {
        EngineHarness harness = new EngineHarness(10);
        List<Bot> bots = bots(40);
        String id = harness.start(bots);
        harness.engine.cycle();
        assertEquals(10, harness.ecs.tasksStartedBy(id).size());

        harness.engine.pause(id, "alice");
        RunSnapshot paused = harness.driveUntil(id, run -> run.count(BotState.SUCCEEDED) == 10);
        for (int i = 0; i < 20; i++) {
            harness.engine.cycle();
            harness.clock.advance(Duration.ofSeconds(2));
        }
        assertEquals(RunState.PAUSED, harness.snapshot(id).run().state());
        assertEquals(10, harness.ecs.tasksStartedBy(id).size(), "nothing launched while paused");
        assertEquals(30, paused.count(BotState.QUEUED));

        harness.engine.resume(id, "alice");
        RunSnapshot run = harness.driveToEnd(id);
        assertEquals(40, run.count(BotState.SUCCEEDED));
        assertEquals(40, harness.ecs.tasksStartedBy(id).size(), "one task per bot: none lost, none doubled");
        List<String> actions = run.run().audit().stream().map(event -> event.action()).toList();
        assertTrue(actions.containsAll(List.of("paused", "resumed")), actions.toString());
    }

    @Test
    void aRunsShareOfTasksInFlightTakesEffectWithinOneCycle() {
        EngineHarness harness = new EngineHarness(50);
        String id = harness.start(bots(30));
        harness.engine.maxInFlight(id, 3, "alice");
        harness.engine.cycle();
        assertEquals(3, harness.ecs.tasksStartedBy(id).size());
        harness.engine.maxInFlight(id, 8, "alice");
        harness.engine.cycle();
        assertEquals(8, harness.ecs.tasksStartedBy(id).size());
        RunSnapshot run = harness.driveToEnd(id);
        assertEquals(30, run.count(BotState.SUCCEEDED));
        assertTrue(harness.ecs.maxInFlight() <= 8, "never more than the run's share: " + harness.ecs.maxInFlight());
    }

    @Test
    void theFailureBrakePausesARunWhoseBotsFailAndNotAHealthyOne() {
        EngineHarness harness = new EngineHarness(4);
        List<Bot> failing = bots(20);
        failing.subList(0, 8).forEach(bot -> harness.ecs.fate(bot.key(), InMemoryEcs.Fate.CONTENT_FAILS));
        String id = harness.engine.startRun(failing, EngineHarness.ECS, "alice", "20 bots", "here",
                Steering.withBrake(5, 20)).run().id();
        RunSnapshot braked = harness.driveUntil(id, run -> run.run().paused());
        assertTrue(braked.run().steering().pausedBecause().startsWith("failure brake: "),
                braked.run().steering().pausedBecause());
        int started = harness.ecs.tasksStartedBy(id).size();
        for (int i = 0; i < 20; i++) {
            harness.engine.cycle();
            harness.clock.advance(Duration.ofSeconds(2));
        }
        assertEquals(started, harness.ecs.tasksStartedBy(id).size(), "nothing launched after the brake");

        EngineHarness healthy = new EngineHarness(4);
        String fine = healthy.engine.startRun(bots(20), EngineHarness.ECS, "alice", "20 bots", "here",
                Steering.withBrake(5, 20)).run().id();
        RunSnapshot finished = healthy.driveToEnd(fine);
        assertEquals(RunState.FINISHED, finished.run().state());
        assertEquals(20, finished.count(BotState.SUCCEEDED));
    }

    @Test
    void missingRightAfterLaunchIsToleratedButMissingPastTheGraceIsALostTask() {
        EngineHarness harness = new EngineHarness();
        harness.ecs.missingFor(Duration.ofSeconds(20));
        List<Bot> bots = bots(2);
        String id = harness.start(bots);
        harness.engine.cycle();
        harness.ecs.forget(bot(harness.snapshot(id), bots.get(1).key()).taskArn());

        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(BotState.SUCCEEDED, bot(run, bots.get(0).key()).state(), "MISSING within the grace is no failure");
        RunBot lost = bot(run, bots.get(1).key());
        assertEquals(BotState.FAILED, lost.state());
        assertTrue(lost.reason().startsWith("ECS has no record of the task (MISSING)"), lost.reason());
        assertTrue(Duration.between(lost.launchedAt(), lost.finishedAt()).compareTo(harness.settings.missingGrace()) > 0);
    }

    @Test
    void aCancelAnswersWithoutCallingEcsAndTheStoppedTasksAreTrackedToTheEnd() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(6);
        bots.forEach(bot -> harness.ecs.fate(bot.key(), InMemoryEcs.Fate.STUCK));
        String id = harness.start(bots);
        harness.driveUntil(id, run -> run.count(BotState.STARTING) == 6);
        int callsBefore = harness.ecs.stopCalls().size() + harness.ecs.runTaskCalls();

        assertTrue(harness.engine.cancel(id, "bob").orElseThrow().cancelRequested());
        assertEquals(callsBefore, harness.ecs.stopCalls().size() + harness.ecs.runTaskCalls(), "cancel calls nothing");

        harness.engine.cycle();
        RunSnapshot stopping = harness.snapshot(id);
        assertEquals(6, stopping.count(BotState.STARTING), "asked to stop, still tracked");
        assertTrue(stopping.bots().stream().allMatch(RunBot::stopRequested));
        assertEquals(0, harness.ecs.stopCalls().size(), "StopTask runs on the stop workers, not the engine thread");

        harness.stops.runAll();
        harness.engine.cycle();
        assertEquals(6, harness.ecs.stopCalls().size());
        assertTrue(harness.snapshot(id).bots().stream().allMatch(b -> b.reason().startsWith("StopTask sent")));

        RunSnapshot run = harness.driveToEnd(id);
        assertEquals(RunState.CANCELLED, run.run().state());
        assertEquals(6, run.count(BotState.CANCELLED));
        assertTrue(run.bots().stream().allMatch(b -> "Task stopped: the run was cancelled by bob".equals(b.reason())
                && "STOPPED".equals(b.lastStatus())), run.bots().toString());
    }

    @Test
    void aCancelOfAThousandTasksInFlightStopsThemAllWithinTheStopTaskRate() {
        EngineHarness harness = new EngineHarness(1000);
        List<Bot> bots = bots(1000);
        bots.forEach(bot -> harness.ecs.fate(bot.key(), InMemoryEcs.Fate.STUCK));
        String id = harness.start(bots);
        harness.driveUntil(id, run -> run.count(BotState.STARTING) == 1000);

        harness.engine.cancel(id, "bob");
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(1000, run.count(BotState.CANCELLED));
        List<Instant> stops = harness.ecs.stopCalls();
        assertEquals(1000, stops.size(), "one StopTask per task, none throttled");
        for (int i = 20; i < stops.size(); i++) {
            assertTrue(Duration.between(stops.get(i - 20), stops.get(i)).toMillis() >= 1000,
                    "at most 20 StopTask calls in any second");
        }
    }

    @Test
    void aThrottledStopTaskIsSentAgain() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(3);
        bots.forEach(bot -> harness.ecs.fate(bot.key(), InMemoryEcs.Fate.STUCK));
        String id = harness.start(bots);
        harness.driveUntil(id, run -> run.count(BotState.STARTING) == 3);
        harness.ecs.throttleStops(4);

        harness.engine.cancel(id, "bob");
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(3, run.count(BotState.CANCELLED));
        assertEquals(4, harness.metrics.stopTaskThrottled());
        assertEquals(7, harness.ecs.stopCalls().size());
    }

    @Test
    void queuedBotsOfACancelledRunAreNeverLaunched() {
        EngineHarness harness = new EngineHarness(2);
        List<Bot> bots = bots(10);
        bots.forEach(bot -> harness.ecs.fate(bot.key(), InMemoryEcs.Fate.STUCK));
        String id = harness.start(bots);
        harness.engine.cycle();

        harness.engine.cancel(id, "bob");
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(2, harness.ecs.tasksStartedBy(id).size());
        assertEquals(8, run.bots().stream().filter(b -> b.taskArn() == null
                && "Not launched: the run was cancelled by bob".equals(b.reason())).count());
    }

    @Test
    void aCancelAfterACrashMidLaunchFindsAndStopsTheTaskThatWasNeverRecorded() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(1);
        harness.ecs.fate(bots.get(0).key(), InMemoryEcs.Fate.STUCK);
        harness.ecs.loseRunTaskAnswers(1);
        String id = harness.start(bots);
        harness.engine.cycle();
        String orphan = harness.ecs.tasksStartedBy(id).get(0);
        assertNull(harness.store.loadBots(id).get(0).taskArn());

        harness.restart();
        harness.engine.cancel(id, "bob");
        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(RunState.CANCELLED, run.run().state());
        assertTrue(harness.ecs.stopAsked(orphan), "the unrecorded task was found through startedBy and stopped");
        assertTrue(run.bots().get(0).reason().contains("1 unrecorded task(s) were stopped"), run.bots().get(0).reason());
        assertEquals(1, harness.ecs.runTaskCalls(), "no launch after the cancel");
    }

    @Test
    void aTaskStuckBeforeRunningIsStoppedAndFailedAfterTheStartTimeout() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(1);
        harness.ecs.fate(bots.get(0).key(), InMemoryEcs.Fate.STUCK);

        RunSnapshot run = harness.driveToEnd(harness.start(bots));

        RunBot stuck = run.bots().get(0);
        assertEquals(BotState.FAILED, stuck.state());
        assertEquals(FailureKind.STOPPED, stuck.failureKind());
        assertEquals("Stuck in PROVISIONING for over 600 s; the task was stopped", stuck.reason());
        assertTrue(harness.ecs.stopAsked(stuck.taskArn()));
        assertNotNull(stuck.finishedAt());
    }

    @Test
    void aRetryQueuesANewAttemptWithANewTask() {
        EngineHarness harness = new EngineHarness();
        List<Bot> bots = bots(2);
        harness.ecs.fate(bots.get(0).key(), InMemoryEcs.Fate.KILLED_FOR_MEMORY);
        String id = harness.start(bots);
        harness.driveToEnd(id);
        harness.ecs.fate(bots.get(0).key(), InMemoryEcs.Fate.SUCCEEDS);

        assertEquals(1, harness.engine.retry(id, java.util.Set.of(), "carol").orElseThrow().queued());
        RunSnapshot run = harness.driveToEnd(id);

        RunBot retried = bot(run, bots.get(0).key());
        assertEquals(BotState.SUCCEEDED, retried.state());
        assertEquals(2, retried.attempt());
        assertEquals(2, harness.ecs.tasksOf(bots.get(0).key()).size());
        assertEquals(1, harness.ecs.tasksOf(bots.get(1).key()).size());
        assertFalse(harness.engine.retry(id, java.util.Set.of(), "carol").orElseThrow().queued() > 0);
        assertEquals(1, retried.earlier().size(), "the first attempt is kept");
        assertEquals(BotState.FAILED, retried.earlier().get(0).state());
    }

    @Test
    void aCancelledBotCanBeRetriedByName() {
        EngineHarness harness = new EngineHarness(1);
        List<Bot> bots = bots(2);
        bots.forEach(bot -> harness.ecs.fate(bot.key(), InMemoryEcs.Fate.STUCK));
        String id = harness.start(bots);
        harness.engine.cycle();
        harness.engine.cancel(id, "bob");
        harness.driveToEnd(id);
        harness.ecs.fate(bots.get(1).key(), InMemoryEcs.Fate.SUCCEEDS);

        assertEquals(1, harness.engine.retry(id, java.util.Set.of(bots.get(1).key()), "carol").orElseThrow().queued());
        RunSnapshot run = harness.driveToEnd(id);

        RunBot again = bot(run, bots.get(1).key());
        assertEquals(BotState.SUCCEEDED, again.state());
        assertEquals(BotState.CANCELLED, again.earlier().get(0).state());
        assertEquals(BotState.CANCELLED, bot(run, bots.get(0).key()).state(), "the other one was not named");
    }

    @Test
    void aTaskThatFailsToStartIsRetriedAutomaticallyAndSucceedsWhileAContentFailureIsNot() {
        EngineHarness harness = new EngineHarness(50, 2);
        List<Bot> bots = bots(3);
        harness.ecs.fate(bots.get(0).key(), InMemoryEcs.Fate.FAILS_TO_START_ONCE);
        harness.ecs.fate(bots.get(1).key(), InMemoryEcs.Fate.CONTENT_FAILS);
        String id = harness.start(bots);

        RunSnapshot run = harness.driveToEnd(id);

        RunBot flaky = bot(run, bots.get(0).key());
        assertEquals(BotState.SUCCEEDED, flaky.state());
        assertEquals(2, flaky.attempt());
        assertEquals(2, harness.ecs.tasksOf(bots.get(0).key()).size(), "a new task for the new attempt");
        var first = flaky.earlier().get(0);
        assertEquals(FailureKind.START, first.failureKind());
        assertEquals("automatic retry", first.retriedBy());
        assertNotEquals(first.taskArn(), flaky.taskArn());
        assertFalse(flaky.launchedAt().isBefore(first.finishedAt().plus(harness.settings.autoRetryWait(1))),
                "launched again only after the backoff");
        RunBot content = bot(run, bots.get(1).key());
        assertEquals(BotState.FAILED, content.state());
        assertEquals(1, content.attempt(), "a content failure would fail again: not retried");
        assertEquals(1, harness.ecs.tasksOf(bots.get(1).key()).size());
        assertTrue(content.failureKind().notRetriedBecause().startsWith("not retried automatically: content: "));
        assertTrue(run.run().audit().stream().anyMatch(event -> event.action().equals("retried automatically")
                && event.detail().equals("bot b0: start 1")), run.run().audit().toString());
    }

    @Test
    void automaticRetriesStopAfterTheirBudgetAndAnOperatorsRetryStartsANewOne() {
        EngineHarness harness = new EngineHarness(50, 2);
        List<Bot> bots = bots(1);
        harness.ecs.fate(bots.get(0).key(), InMemoryEcs.Fate.NEVER_STARTS);
        String id = harness.start(bots);

        RunBot failed = bot(harness.driveToEnd(id), bots.get(0).key());

        assertEquals(BotState.FAILED, failed.state());
        assertEquals(3, failed.attempt(), "the first attempt and two automatic retries");
        assertEquals(3, harness.ecs.tasksOf(bots.get(0).key()).size());
        assertEquals(2, failed.automaticRetries());

        harness.engine.retry(id, java.util.Set.of(), "alice");
        RunBot again = bot(harness.driveToEnd(id), bots.get(0).key());
        assertEquals(6, again.attempt(), "the operator's attempt, then two more automatic ones");
        assertEquals("alice", again.earlier().get(2).retriedBy());
    }

    @Test
    void aBotWhoseSyncStatusTurnsRunningWhileItWaitsIsSkippedNotLaunchedAlongside() {
        EngineHarness harness = new EngineHarness(1);
        List<Bot> bots = bots(2);
        String id = harness.start(bots);
        harness.engine.cycle();
        // The stack's own trigger: someone edited the second bot, and its task started.
        harness.sync.write(bots.get(1).key(), "RUNNING", "", "f00dfeed");

        RunSnapshot run = harness.driveToEnd(id);

        RunBot skipped = bot(run, bots.get(1).key());
        assertEquals(BotState.SKIPPED, skipped.state());
        assertTrue(skipped.reason().contains("turned RUNNING (task f00dfeed)"), skipped.reason());
        assertEquals(0, harness.ecs.tasksOf(bots.get(1).key()).size(), "not launched alongside");
        assertEquals(BotState.SUCCEEDED, bot(run, bots.get(0).key()).state());
        assertEquals("finished, 1 skipped", run.run().outcome());
    }

    @Test
    void aStuckBotChosenAsItIsIsLaunched() {
        EngineHarness harness = new EngineHarness(50);
        Bot stuck = new Bot("user0", "BOT#stuck", "stuck", "Stuck", new io.reembed.bots.KnowledgeSummary(1, 0, 0),
                "RUNNING", "", "deadbeef", null, false, List.of());
        harness.sync.write(stuck.key(), "RUNNING", "", "deadbeef");
        String id = harness.start(List.of(stuck));

        RunSnapshot run = harness.driveToEnd(id);

        assertEquals(BotState.SUCCEEDED, bot(run, stuck.key()).state(), "RUNNING when chosen is no reason to skip");
    }

    @Test
    void globalLimitsTakeEffectWithinOneCycleAndOutliveARestart() {
        EngineHarness harness = new EngineHarness(50);
        String id = harness.start(bots(30));
        harness.engine.changeLimits(null, 3, "alice");
        harness.engine.cycle();
        assertEquals(3, harness.ecs.tasksStartedBy(id).size());
        harness.engine.changeLimits(2.0, 8, "alice");
        harness.engine.cycle();
        assertEquals(8, harness.ecs.tasksStartedBy(id).size());
        assertTrue(harness.engine.snapshot(id).orElseThrow().run().audit().stream()
                .anyMatch(event -> event.action().equals("global limits") && event.who().equals("alice")));

        RunCoordinator restarted = harness.restart();
        assertEquals(8, restarted.limits().maxInFlight());
        assertEquals(2.0, restarted.limits().runTaskRate());
        assertEquals("alice", restarted.limits().changedBy());
        Instant before = harness.clock.instant();
        RunSnapshot run = harness.driveToEnd(id);
        assertEquals(30, run.count(BotState.SUCCEEDED));
        assertTrue(harness.ecs.maxInFlight() <= 8, "never above the new limit: " + harness.ecs.maxInFlight());
        assertTrue(Duration.between(before, harness.clock.instant()).toMillis() >= 21 * 1000 / 2,
                "the 22 bots left launched no faster than 2 RunTask/s");
    }
}
