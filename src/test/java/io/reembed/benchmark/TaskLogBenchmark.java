package io.reembed.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.deployment.Deployment;
import io.reembed.logs.LogTail;
import io.reembed.logs.TaskLogKeeper;
import io.reembed.logs.TaskLogs;
import io.reembed.runs.BotState;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.engine.RunEngine;

/**
 * A thousand tasks ending within about a minute: every log end kept, none throttled, against the
 * floor of 1,000 reads at the console's read rate. Run with {@code ./mvnw verify -Pbenchmark}.
 */
@QuarkusTest
@TestProfile(ThousandTasksEnding.class)
@Tag("benchmark")
class TaskLogBenchmark {

    private static final int TASKS = 1000;

    @Inject
    RunEngine engine;

    @Inject
    BotCatalog catalog;

    @Inject
    Deployment deployment;

    @Inject
    TaskLogKeeper keeper;

    @Inject
    TaskLogs logs;

    @Test
    void keepsEveryLogOfAThousandTasksEndingTogether() throws InterruptedException {
        List<Bot> bots = catalog.snapshot().bots().stream().filter(Bot::hasKnowledge).limit(TASKS).toList();
        assertEquals(TASKS, bots.size());
        long readsBefore = keeper.reads();
        long throttledBefore = keeper.throttled();
        long keptBefore = keeper.kept();
        String id = engine.startRun(bots, deployment.settings().ecs(), "benchmark", "1,000 bots", "benchmark").run().id();

        long start = System.nanoTime();
        long endedAt = 0;
        while (keeper.kept() - keptBefore < TASKS && System.nanoTime() - start < 600_000_000_000L) {
            RunSnapshot run = engine.snapshot(id).orElseThrow();
            if (endedAt == 0 && !run.run().active()) {
                endedAt = System.nanoTime();
            }
            Thread.sleep(250);
        }
        double keptSeconds = (System.nanoTime() - start) / 1e9;
        RunSnapshot run = engine.snapshot(id).orElseThrow();
        Map<io.reembed.bots.BotKey, List<LogTail>> tails = logs.tails(id);
        long withLines = run.bots().stream().filter(bot -> tails.getOrDefault(bot.key(), List.of()).stream()
                .anyMatch(t -> t.attempt() == bot.attempt() && !t.lines().isEmpty())).count();
        long finished = run.bots().stream().map(RunBot::state).filter(BotState::terminal).count();
        double endSeconds = endedAt == 0 ? Double.NaN : (endedAt - start) / 1e9;
        double floor = TASKS / 10.0;
        new BenchmarkReport("task-logs")
                .line("%d tasks, the run ended %.1f s after launch; every log end kept %.1f s after launch", TASKS,
                        endSeconds, keptSeconds)
                .line("GetLogEvents: %d calls for %d tails, %d throttled; floor %.0f s (%d reads / 10 a second, under "
                        + "CloudWatch Logs' 25 a second)", keeper.reads() - readsBefore, TASKS,
                        keeper.throttled() - throttledBefore, floor, TASKS)
                .line("tails kept: %d, with lines: %d, bots finished: %d", keeper.kept() - keptBefore, withLines, finished)
                .write();
        assertEquals(TASKS, keeper.kept() - keptBefore, "a tail for every task");
        assertEquals(TASKS, withLines, "every tail has lines");
        assertEquals(0, keeper.throttled() - throttledBefore, "no read throttled");
    }
}
