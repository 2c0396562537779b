package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BooleanSupplier;

import io.reembed.bots.BotKey;
import io.reembed.runs.BotState;
import io.reembed.runs.BotSyncState;
import io.reembed.runs.OutcomeJudge;
import io.reembed.runs.RunBot;
import io.reembed.runs.TaskReport;
import software.amazon.awssdk.core.exception.SdkException;
import io.reembed.runs.Verdict;
import org.jboss.logging.Logger;

/**
 * Follows every task in flight, over all runs, in one poll: DescribeTasks 100 tasks a call,
 * MISSING tolerated for a grace period after launch, stuck tasks handed to be stopped, and each
 * stopped task judged together with the bot's SyncStatus.
 */
final class TaskTracker {

    private static final Logger LOG = Logger.getLogger(TaskTracker.class);
    private static final int DESCRIBE_BATCH = 100;

    /** Asks for a task to be stopped; the bot stays tracked until ECS says STOPPED. */
    interface StopRequests {
        void stop(LiveRun run, RunBot bot, String why);
    }

    private final EcsTasks ecs;
    private final RunRepository store;
    private final SyncStatusSource syncStatus;
    private final TaskEndings endings;
    private final StopRequests stops;
    private final EngineSettings settings;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final BooleanSupplier commandWaiting;

    TaskTracker(RunCoordinator.Ports ports, StopRequests stops, EngineSettings settings, Clock clock,
            EngineMetrics metrics, BooleanSupplier commandWaiting) {
        this.ecs = ports.ecs();
        this.store = ports.store();
        this.syncStatus = ports.syncStatus();
        this.endings = ports.endings();
        this.stops = stops;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.commandWaiting = commandWaiting;
    }

    private record Tracked(LiveRun run, RunBot bot) {
    }

    private record Ending(Tracked tracked, TaskReport report) {
    }

    void poll(List<LiveRun> runs) {
        long started = System.nanoTime();
        try {
            pollOnce(runs);
        } finally {
            metrics.pollNanos.addAndGet(System.nanoTime() - started);
        }
    }

    private void pollOnce(List<LiveRun> runs) {
        // One DescribeTasks per cluster (and embedding container, whose exit code each report carries).
        Map<List<String>, List<Tracked>> byCluster = new LinkedHashMap<>();
        for (LiveRun run : runs) {
            for (RunBot bot : run.bots()) {
                if (bot.taskArn() != null && (bot.state() == BotState.STARTING || bot.state() == BotState.RUNNING)) {
                    byCluster.computeIfAbsent(List.of(run.run().ecs().cluster(), run.run().ecs().containerName()),
                            c -> new ArrayList<>()).add(new Tracked(run, bot));
                }
            }
        }
        int calls = 0;
        int tasks = 0;
        List<Ending> stopped = new ArrayList<>();
        List<Tracked> lost = new ArrayList<>();
        Instant now = clock.instant();
        try {
            polling:
            for (Map.Entry<List<String>, List<Tracked>> cluster : byCluster.entrySet()) {
                List<Tracked> all = cluster.getValue();
                for (int from = 0; from < all.size(); from += DESCRIBE_BATCH) {
                    if (commandWaiting.getAsBoolean()) {
                        // A cancel or pause waits for this thread: the tasks not read yet wait for the next poll.
                        break polling;
                    }
                    List<Tracked> batch = all.subList(from, Math.min(all.size(), from + DESCRIBE_BATCH));
                    Map<String, Tracked> byArn = new HashMap<>();
                    batch.forEach(t -> byArn.put(t.bot().taskArn(), t));
                    calls++;
                    metrics.describeTasksCalls.incrementAndGet();
                    tasks += batch.size();
                    TaskDescriptions described = ecs.describeTasks(cluster.getKey().get(0), new ArrayList<>(byArn.keySet()),
                            cluster.getKey().get(1));
                    for (TaskReport report : described.tasks()) {
                        if (commandWaiting.getAsBoolean()) {
                            // Each report may be a write: the rest of the batch is read again next poll.
                            break polling;
                        }
                        Tracked tracked = byArn.get(report.taskArn());
                        if (tracked != null) {
                            observe(tracked, report, now, stopped);
                        }
                    }
                    for (TaskDescriptions.Missing failure : described.missing()) {
                        Tracked tracked = byArn.get(failure.taskArn());
                        if (tracked != null && "MISSING".equals(failure.reason())
                                && Duration.between(tracked.bot().launchedAt(), now).compareTo(settings.missingGrace()) > 0) {
                            lost.add(tracked);
                        }
                    }
                }
            }
        } catch (EcsUnavailableException e) {
            // Throttled or unreachable: what was read so far is used, the rest waits for the next poll.
            LOG.debugf("DescribeTasks failed this poll: %s", e.getMessage());
        }
        metrics.polls.incrementAndGet();
        metrics.lastPollDescribeCalls = calls;
        metrics.lastPollTasks = tasks;
        judge(stopped, lost, now);
    }

    private void observe(Tracked tracked, TaskReport report, Instant now, List<Ending> stopped) {
        RunBot bot = tracked.bot();
        if (report.stopped()) {
            stopped.add(new Ending(tracked, report));
            return;
        }
        BotState state = report.runState();
        RunBot seen = bot;
        if (state != bot.state() || !Objects.equals(report.lastStatus(), bot.lastStatus())
                || !Objects.equals(report.exitCode(), bot.exitCode()) && report.exitCode() != null) {
            seen = bot.observed(state, report.lastStatus(), report.startedAt(), report.exitCode());
            save(tracked.run(), seen);
        }
        if (state == BotState.STARTING && !bot.stopRequested() && bot.launchedAt() != null
                && Duration.between(bot.launchedAt(), now).compareTo(settings.startTimeout()) > 0) {
            stops.stop(tracked.run(), seen, "Stuck in " + report.lastStatus() + " for over "
                    + settings.startTimeout().toSeconds() + " s; the task was stopped");
        }
    }

    private void judge(List<Ending> stopped, List<Tracked> lost, Instant now) {
        if (stopped.isEmpty() && lost.isEmpty()) {
            return;
        }
        List<BotKey> keys = new ArrayList<>();
        stopped.forEach(ending -> keys.add(ending.tracked().bot().key()));
        lost.forEach(tracked -> keys.add(tracked.bot().key()));
        Map<BotKey, BotSyncState> states;
        try {
            states = syncStatus.read(keys);
        } catch (SdkException e) {
            LOG.warnf("Could not read SyncStatus of %d bots; judging them next poll: %s", keys.size(), e.getMessage());
            return;
        }
        for (Ending ending : stopped) {
            if (commandWaiting.getAsBoolean()) {
                // Judged again next poll, when DescribeTasks reports them STOPPED again.
                return;
            }
            RunBot bot = ending.tracked().bot();
            finish(ending.tracked(), OutcomeJudge.stopped(bot, ending.report(), states.get(bot.key())), ending.report(),
                    now);
        }
        for (Tracked tracked : lost) {
            if (commandWaiting.getAsBoolean()) {
                return;
            }
            finish(tracked, OutcomeJudge.lost(tracked.bot(), states.get(tracked.bot().key())), null, now);
        }
    }

    private void finish(Tracked tracked, Verdict natural, TaskReport report, Instant now) {
        RunBot bot = tracked.bot();
        Verdict verdict = bot.stopRequested()
                ? OutcomeJudge.stoppedOnRequest(bot, natural, tracked.run().run().cancelRequested())
                : natural;
        RunBot finished = bot.finished(verdict, now);
        save(tracked.run(), finished);
        if (finished.state() == BotState.FAILED) {
            metrics.failed(finished.failureKind());
        }
        endings.ended(tracked.run().id(), tracked.run().run().ecs(), finished, report);
    }

    private void save(LiveRun run, RunBot bot) {
        store.saveBot(run.id(), bot);
        run.put(bot);
    }
}
