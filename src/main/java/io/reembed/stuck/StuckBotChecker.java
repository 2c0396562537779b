package io.reembed.stuck;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.AwsErrors;
import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.bots.CatalogSnapshot;
import io.reembed.bots.StuckBots;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.runs.engine.RunEngine;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.EcsClient;

/**
 * Asks ECS about the LastExecId task of every RUNNING or QUEUED bot (DescribeTasks, 100 a call,
 * those bots only), on one background thread, at most once per cache-ttl or catalog reading. Bots a
 * run of this console holds are left out: the run tracks them.
 */
@ApplicationScoped
public class StuckBotChecker implements StuckBots {

    private static final Logger LOG = Logger.getLogger(StuckBotChecker.class);
    private static final int DESCRIBE_BATCH = 100;

    /** A bot's SyncStatus and LastExecId as a check saw them, and since when this console sees them so. */
    private record Seen(String status, String execId, Instant since) {

        boolean sameAs(Bot bot) {
            return bot != null && Objects.equals(status, bot.syncStatus()) && Objects.equals(execId, bot.lastExecId());
        }
    }

    private final EcsClient ecs;
    private final Deployment deployment;
    private final RunEngine engine;
    private final ReembedConfig.Stuck settings;
    private final Clock clock;
    private final StuckEvidence evidence;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "stuck-bot-check");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean checking = new AtomicBoolean();
    private final Map<BotKey, Seen> seen = new ConcurrentHashMap<>();
    private volatile Report last = Report.NONE;
    private volatile CatalogSnapshot lastChecked;

    public StuckBotChecker(EcsClient ecs, Deployment deployment, RunEngine engine, ReembedConfig config, Clock clock) {
        this.ecs = ecs;
        this.deployment = deployment;
        this.engine = engine;
        this.settings = config.stuck();
        this.clock = clock;
        this.evidence = new StuckEvidence(settings.queuedAfter(), settings.runningLongerThan());
    }

    @PreDestroy
    void stop() {
        worker.shutdownNow();
    }

    @Override
    public Report report(CatalogSnapshot snapshot) {
        if (!settings.enabled()) {
            return Report.NONE;
        }
        Report known = last;
        boolean due = lastChecked != snapshot || known.checkedAt() == null
                || Duration.between(known.checkedAt(), clock.instant()).compareTo(settings.cacheTtl()) >= 0;
        if (due && checking.compareAndSet(false, true)) {
            worker.execute(() -> checkNow(snapshot));
        }
        // What the last check found, less bots that changed since (re-embedded) or a run now holds.
        Map<BotKey, Stuck> still = new HashMap<>();
        known.stuck().forEach((key, stuck) -> {
            Seen then = seen.get(key);
            if (then != null && then.sameAs(snapshot.byKey().get(key)) && engine.activeRunOf(key).isEmpty()) {
                still.put(key, stuck);
            }
        });
        return new Report(Map.copyOf(still), known.candidates(), known.checkedAt(), checking.get(), known.problem(),
                known.describeCalls());
    }

    private void checkNow(CatalogSnapshot snapshot) {
        try {
            last = check(snapshot);
        } catch (RuntimeException e) {
            LOG.warnf("Checking RUNNING and QUEUED bots with ECS failed: %s", e.getMessage());
            last = new Report(Map.of(), 0, clock.instant(), false, "could not check: " + e.getMessage(), 0);
        } finally {
            lastChecked = snapshot;
            checking.set(false);
        }
    }

    /** One check of the snapshot's RUNNING and QUEUED bots. */
    Report check(CatalogSnapshot snapshot) {
        Instant now = clock.instant();
        List<Bot> candidates = new ArrayList<>();
        for (Bot bot : snapshot.bots()) {
            boolean underWay = "RUNNING".equals(bot.syncStatus()) || "QUEUED".equals(bot.syncStatus());
            if (underWay && engine.activeRunOf(bot.key()).isEmpty()) {
                candidates.add(bot);
                seen.compute(bot.key(), (key, before) -> before != null && before.sameAs(bot) ? before
                        : new Seen(bot.syncStatus(), bot.lastExecId(), now));
            }
        }
        Set<BotKey> current = new java.util.HashSet<>();
        candidates.forEach(bot -> current.add(bot.key()));
        seen.keySet().retainAll(current);
        if (candidates.isEmpty()) {
            return new Report(Map.of(), 0, now, false, null, 0);
        }
        String cluster = deployment.settings().cluster().value();
        if (cluster == null || cluster.isBlank()) {
            return new Report(Map.of(), candidates.size(), now, false,
                    "could not check: the embedding cluster is not known (see Settings)", 0);
        }
        Map<String, StuckEvidence.TaskSeen> tasks = new HashMap<>();
        int calls;
        try {
            calls = describe(cluster, candidates, tasks);
        } catch (SdkException e) {
            return new Report(Map.of(), candidates.size(), now, false, "could not check: DescribeTasks on "
                    + cluster + ": " + AwsErrors.describe(e), 0);
        }
        Map<BotKey, Stuck> stuck = new HashMap<>();
        for (Bot bot : candidates) {
            StuckEvidence.TaskSeen task = bot.lastExecId() == null || bot.lastExecId().isBlank()
                    ? StuckEvidence.TaskSeen.NOT_ASKED : tasks.getOrDefault(bot.lastExecId(), StuckEvidence.TaskSeen.MISSING);
            String why = evidence.of(bot, task, seen.get(bot.key()).since(), now);
            if (why != null) {
                stuck.put(bot.key(), new Stuck(bot.key(), why));
            }
        }
        LOG.debugf("Checked %d RUNNING/QUEUED bots with ECS: %d stuck", candidates.size(), stuck.size());
        return new Report(Map.copyOf(stuck), candidates.size(), now, false, null, calls);
    }

    /** Fills in the candidates' tasks by task id (MISSING for those ECS does not know); answers the calls made. */
    private int describe(String cluster, List<Bot> candidates, Map<String, StuckEvidence.TaskSeen> found) {
        Set<String> ids = new LinkedHashSet<>();
        candidates.stream().map(Bot::lastExecId).filter(id -> id != null && !id.isBlank()).forEach(ids::add);
        List<String> all = new ArrayList<>(ids);
        int calls = 0;
        for (int from = 0; from < all.size(); from += DESCRIBE_BATCH) {
            calls++;
            List<String> batch = all.subList(from, Math.min(all.size(), from + DESCRIBE_BATCH));
            DescribeTasksResponse response = ecs.describeTasks(b -> b.cluster(cluster).tasks(batch));
            for (Task task : response.tasks()) {
                String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
                found.put(id, StuckEvidence.TaskSeen.of(task));
            }
            for (Failure failure : response.failures()) {
                String arn = failure.arn() == null ? "" : failure.arn();
                found.putIfAbsent(arn.substring(arn.lastIndexOf('/') + 1), StuckEvidence.TaskSeen.MISSING);
            }
        }
        return calls;
    }
}
