package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;


import io.reembed.runs.BotState;
import io.reembed.runs.ClientTokens;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import org.jboss.logging.Logger;

/**
 * Starts one embedding task for one bot, exactly as the reference procedure does, but
 * idempotently (client token), at a bounded rate, and with every outcome recorded: a task, a
 * capacity failure to retry later, a throttled or unanswered call to repeat with the same token,
 * or a refusal that retrying cannot fix.
 */
public final class RunLauncher {

    private static final Logger LOG = Logger.getLogger(RunLauncher.class);

    private final EcsTasks ecs;
    private final RunRepository store;
    private final EngineSettings settings;
    private final Clock clock;
    private final EngineMetrics metrics;
    private final RateLimiter limiter;
    private final AtomicInteger consecutiveThrottles = new AtomicInteger();

    RunLauncher(EcsTasks ecs, RunRepository store, EngineSettings settings, Clock clock, Sleeper sleeper,
            EngineMetrics metrics) {
        this.ecs = ecs;
        this.store = store;
        this.settings = settings;
        this.clock = clock;
        this.metrics = metrics;
        this.limiter = new RateLimiter(settings.runTaskRate(), clock, sleeper);
    }

    /** RunTask calls per second from now on. */
    void rate(double perSecond) {
        limiter.rate(perSecond);
    }

    /**
     * Launches the bot's task, or records why not; returns the bot as stored. A new launch that
     * waited for its turn while the run was cancelled or paused puts its bot back (CANCELLED or as it
     * was) without calling ECS; a LAUNCHING bot's call is repeated whatever happened, since its token
     * makes ECS answer with the task it may already have started.
     */
    RunBot launch(LiveRun live, RunBot bot) throws InterruptedException {
        Run run = live.run();
        boolean fresh = bot.state() != BotState.LAUNCHING || bot.clientToken() == null;
        RunBot launching = fresh ? save(run, bot.launching(ClientTokens.of(run.id(), bot, bot.launchTry() + 1))) : bot;
        limiter.acquire();
        if (!fresh) {
            return call(run, launching);
        }
        return live.whileLaunching(() -> call(live.run(), launching), now -> save(now, now.cancelRequested()
                ? bot.cancelled("Not launched: " + now.cancelReason(), clock.instant()) : bot));
    }

    private RunBot call(Run run, RunBot launching) {
        metrics.runTaskCalls.incrementAndGet();
        LaunchOutcome outcome = ecs.runTask(launch(run, launching));
        Instant now = clock.instant();
        if (outcome instanceof LaunchOutcome.Started started) {
            consecutiveThrottles.set(0);
            metrics.runTaskLaunched.incrementAndGet();
            return save(run, launching.launched(started.taskArn(), started.lastStatus(), now));
        }
        if (outcome instanceof LaunchOutcome.NoCapacity noCapacity) {
            consecutiveThrottles.set(0);
            metrics.capacityFailures.incrementAndGet();
            // Capacity frees as tasks end: wait a little, not exponentially; the engine's gauge spaces the tries.
            return save(run, launching.requeued("Waiting for capacity: " + noCapacity.reason(),
                    now.plus(settings.capacityBackoff())));
        }
        if (outcome instanceof LaunchOutcome.Throttled throttled) {
            metrics.runTaskThrottled.incrementAndGet();
            Duration pause = settings.backoff(consecutiveThrottles.incrementAndGet());
            limiter.holdOff(pause);
            return save(run, launching.launchLater(throttled.message(), now.plus(pause)));
        }
        if (outcome instanceof LaunchOutcome.Unanswered unanswered) {
            // No answer: the task may or may not exist. The same token makes the next call safe.
            LOG.warnf("RunTask for %s got no answer: %s", launching.botId(), unanswered.message());
            metrics.runTaskUnanswered.incrementAndGet();
            return save(run, launching.launchLater("No answer from ECS: " + unanswered.message(),
                    now.plus(settings.backoff(consecutiveThrottles.incrementAndGet()))));
        }
        consecutiveThrottles.set(0);
        refused();
        return save(run, launching.failed(((LaunchOutcome.Refused) outcome).message(), FailureKind.CONFIGURATION, now));
    }

    /** The bot's task as the run starts it. */
    static TaskLaunch launch(Run run, RunBot bot) {
        return new TaskLaunch(run.ecs(), run.id(), bot.botId(), bot.pk(), bot.sk(), bot.clientToken());
    }

    private void refused() {
        metrics.runTaskRefused.incrementAndGet();
        metrics.failed(FailureKind.CONFIGURATION);
    }

    private RunBot save(Run run, RunBot bot) {
        store.saveBot(run.id(), bot);
        return bot;
    }
}
