package io.reembed.runs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.local.notify.LocalNotifications;
import io.reembed.notify.channels.Channels;
import io.reembed.notify.delivery.LedgerItems;
import io.reembed.notify.delivery.Notifier;
import io.reembed.notify.delivery.RunEventsReport;
import io.reembed.runs.BotState;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunEnded;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.Steering;
import io.reembed.runs.store.RunStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Two copies of the console on one runs table and one (emulated) ECS, as during a rolling deploy:
 * one drives runs, the other passes its commands on; when the driving copy dies mid-launch the other
 * takes over, and every bot is launched exactly once.
 */
@QuarkusTest
class TwoCopiesTest {

    @Inject
    RunEngine first;

    @Inject
    RunStore firstStore;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    EcsTasks ecs;

    @Inject
    SyncStatusSource syncStatus;

    @Inject
    TaskEndings endings;

    @Inject
    ReembedConfig config;

    @Inject
    Clock clock;

    @Inject
    BotCatalog catalog;

    @Inject
    Event<RunEnded> ended;

    @Inject
    Deployment deployment;

    @Inject
    EcsEmulator emulator;

    @Inject
    Channels channels;

    @Inject
    LedgerItems ledgers;

    @Inject
    MeterRegistry meters;

    @Inject
    RunEventsReport eventsReport;

    @Inject
    LocalNotifications received;

    @Test
    void oneCopyDrivesTheOtherPassesCommandsOnAndTakesOverMidLaunchWithoutASecondTask() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        RunStore secondStore = new RunStore(dynamo, config);
        RunEngine second = new RunEngine(secondStore, ecs, syncStatus, endings, config, clock, new EngineMetrics(),
                catalog, ended, Optional.of("second-copy"));
        // The second copy's notifier, beside the first copy's (this application's): only the driving copy delivers.
        Notifier secondNotifier = new Notifier(channels, secondStore, ledgers, second, config, clock, meters);
        List<Bot> healthy = healthyBots();
        EcsLaunchSettings settings = deployment.settings().ecs();
        String cluster = settings.cluster();
        try {
            second.start();
            secondNotifier.start();
            assertTrue(first.driving());
            assertFalse(second.driving(), "the first copy holds the lease");
            assertTrue(second.driver().orElseThrow().startsWith("demo; this copy (second-copy)"), second.driver().get());
            // A standby is ready: behind a load balancer it serves pages and passes commands on.
            var readiness = new io.reembed.ops.ConsoleReadiness(dynamo, second, deployment, config, clock).call();
            assertEquals(org.eclipse.microprofile.health.HealthCheckResponse.Status.UP, readiness.getStatus(),
                    readiness.getData().toString());
            assertEquals("standby; runs driven by demo", readiness.getData().orElseThrow().get("runEngine"));

            // A run started through the copy that does not drive runs: stored there, taken on by the other.
            Run viaSecond = second.startRun(healthy.subList(0, 5), settings, "bob", "5 bots", "test", Steering.DEFAULT)
                    .run();
            Run ended1 = awaitEnd(firstStore, viaSecond.id(), Duration.ofSeconds(30));
            assertEquals(RunState.FINISHED, ended1.state());
            assertEquals(viaSecond.total(), ecs.listTasksStartedBy(cluster, viaSecond.id()).size());
            assertTrue(firstStore.loadBots(viaSecond.id()).stream().allMatch(bot -> bot.state() == BotState.SUCCEEDED));

            // The driving copy dies (as after kill -9) in the middle of launching a run.
            first.changeLimits(8.0, null, "test");
            long callsBefore = emulator.runTaskCalls();
            Run handedOver = first.startRun(healthy, settings, "alice", healthy.size() + " bots", "test",
                    Steering.withBrake(0, 20)).run();
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> ecs.listTasksStartedBy(cluster, handedOver.id()).size() >= 6);
            long halted = System.nanoTime();
            first.halt();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(second::driving);
            Duration takeover = Duration.ofNanos(System.nanoTime() - halted);
            Duration lease = config.runs().lease().duration();
            org.jboss.logging.Logger.getLogger(TwoCopiesTest.class).infof("Taken over %d ms after the driving copy "
                    + "halted (lease %d ms)", takeover.toMillis(), lease.toMillis());
            // The dead copy's lease runs out and the standby's next renewal finds it so (slack for a busy machine).
            assertTrue(takeover.compareTo(lease.plus(lease.dividedBy(3)).plusSeconds(3)) <= 0,
                    "taken over in " + takeover.toMillis() + " ms with a lease of " + lease.toMillis() + " ms");

            Run ended2 = awaitEnd(secondStore, handedOver.id(), Duration.ofSeconds(90));
            assertEquals(RunState.FINISHED, ended2.state());
            List<RunBot> bots = secondStore.loadBots(handedOver.id());
            assertTrue(bots.stream().allMatch(bot -> bot.state() == BotState.SUCCEEDED && bot.attempt() == 1), bots.toString());
            List<String> tasks = ecs.listTasksStartedBy(cluster, handedOver.id());
            assertEquals(handedOver.total(), bots.size());
            assertEquals(handedOver.total(), tasks.size(), "every bot launched exactly once");
            Set<String> recorded = new HashSet<>();
            bots.forEach(bot -> recorded.add(bot.taskArn()));
            assertEquals(new HashSet<>(tasks), recorded, "the tasks the run recorded are all the tasks it has");
            long calls = emulator.runTaskCalls() - callsBefore;
            assertTrue(calls <= handedOver.total() + config.runs().launchWorkers(), "RunTask calls " + calls
                    + ": one per bot, plus at most one replay per launch cut short");
            // Both runs' events reached every channel once, whichever copy drove when they happened.
            for (String runId : List.of(viaSecond.id(), handedOver.id())) {
                List<String> ids = Awaitility.await("events of " + runId).atMost(Duration.ofSeconds(30)).until(() -> {
                    List<RunEventsReport.Event> events = eventsReport.of(secondStore.findRun(runId).orElseThrow());
                    return events.stream().allMatch(event -> event.deliveries().stream()
                            .allMatch(delivery -> delivery.state().equals("delivered")))
                            ? events.stream().map(event -> event.event().id()).toList() : null;
                }, java.util.Objects::nonNull);
                assertTrue(ids.size() >= 2, ids.toString());
                for (String channel : List.of("eventbridge", "sns", "webhook")) {
                    assertEquals(ids, received.received(channel).stream().map(LocalNotifications.Received::eventId)
                            .filter(id -> id != null && id.startsWith(runId + ".")).toList(), channel);
                }
            }

            // The first copy back: it waits, and its commands reach the copy that drives runs now.
            first.start();
            assertFalse(first.driving());
            // Tasks that stay PROVISIONING until the start timeout stops them, one at a time: the run is still
            // there when the commands arrive.
            emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0)
                    .stuckFraction(1.0).build());
            Run slow = first.startRun(healthy.subList(0, 8), settings, "carol", "8 bots", "test",
                    Steering.DEFAULT.maxInFlight(1)).run();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> second.snapshot(slow.id())
                    .map(snapshot -> snapshot.run().active()).orElse(false) && second.activeRunOf(
                            new BotKey(healthy.get(0).pk(), healthy.get(0).sk())).isPresent());
            // The copy that does not drive runs knows from the stored runs which bots they hold (its confirmation
            // page leaves them out, as the driving copy's does).
            BotKey held = new BotKey(healthy.get(0).pk(), healthy.get(0).sk());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> first.activeRunOf(held)
                    .equals(Optional.of(slow.id())));
            Run paused = first.pause(slow.id(), "carol").orElseThrow();
            assertEquals(RunState.PAUSED, paused.state(), "applied by the driving copy, answered from the store");
            Run cancelled = first.cancel(slow.id(), "carol").orElseThrow();
            assertTrue(cancelled.cancelRequested());
            Run ended3 = awaitEnd(secondStore, slow.id(), Duration.ofSeconds(60));
            assertEquals(RunState.CANCELLED, ended3.state());
            List<String> actions = ended3.audit().stream().map(event -> event.action() + " by " + event.who()).toList();
            assertTrue(actions.containsAll(List.of("paused by carol", "cancelled by carol")), actions.toString());
        } finally {
            RunTestSupport.withoutCapacityLimit(emulator, config);
            secondNotifier.stop();
            second.stop();
            first.halt();
            first.start();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(first::driving);
            first.configuredLimits("test");
        }
    }

    /**
     * A copy whose lease thread stood still (a frozen container) while another copy, whose clock is
     * ahead, took the lease over: it still believes it drives runs, yet applies no command and
     * overwrites nothing; its command reaches the new holder as a request.
     */
    @Test
    void aCopyThatLostTheLeaseWithoutNoticingAppliesNoCommandItself() {
        String table = config.runs().tableName() + "-frozen-" + System.nanoTime();
        RunStore store = new RunStore(dynamo, table);
        RunEngine stale = new RunEngine(store, ecs, syncStatus, endings, config, clock, new EngineMetrics(), catalog,
                ended, Optional.of("copy-a"));
        RunEngine taking = new RunEngine(new RunStore(dynamo, table), ecs, syncStatus, endings, config,
                Clock.offset(clock, config.runs().lease().duration().plusSeconds(1)), new EngineMetrics(), catalog,
                ended, Optional.of("copy-b"));
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0)
                .stuckFraction(1.0).build());
        List<Bot> bots = healthyBots().subList(0, 3);
        try {
            stale.start();
            stale.stopRenewingTheLease();
            assertTrue(stale.driving());
            Run run = stale.startRun(bots, deployment.settings().ecs(), "alice", "3 bots", "test",
                    Steering.DEFAULT.maxInFlight(1)).run();

            taking.start();
            assertTrue(taking.driving(), "the lease ran out by the second copy's clock");
            assertTrue(stale.driving(), "the first copy has not noticed: its clock says its lease holds");

            Run paused = stale.pause(run.id(), "carol").orElseThrow();
            assertEquals(RunState.PAUSED, paused.state(), "applied by the copy that holds the lease");
            // The stuck tasks reach the start timeout on a slow machine and are retried by the engine: not what is asked.
            List<String> trail = store.findRun(run.id()).orElseThrow().audit().stream()
                    .filter(event -> !event.action().equals("retried automatically"))
                    .map(event -> event.action() + " by " + event.who()).toList();
            assertEquals(List.of("started by alice", "taken up by copy copy-b", "paused by carol"), trail);

            stale.changeLimits(10.0, 7, "carol");
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> store.loadLimits()
                    .map(limits -> limits.maxInFlight() == 7).orElse(false));
            assertEquals(7, taking.limits().maxInFlight(), "the new holder applied the limits");
            assertEquals(1, store.findRun(run.id()).orElseThrow().audit().stream()
                    .filter(event -> event.action().equals("paused")).count(), "the pause was applied once");
        } finally {
            taking.stop();
            stale.halt();
            RunTestSupport.withoutCapacityLimit(emulator, config);
        }
    }

    private Run awaitEnd(RunStore store, String runId, Duration atMost) {
        return Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> store.findRun(runId).orElse(null), run -> run != null && !run.active());
    }

    private List<Bot> healthyBots() {
        var byKey = catalog.snapshot().byKey();
        return RunTestSupport.botsWithKnowledge(bot -> !bot.get("sourceUrls").toString().contains("example.com/fail")
                && !bot.get("sourceUrls").toString().contains("out-of-memory")
                && !bot.get("sourceUrls").toString().contains("flaky")).stream()
                .map(bot -> byKey.get(new BotKey((String) bot.get("pk"), (String) bot.get("sk")))).toList();
    }
}
