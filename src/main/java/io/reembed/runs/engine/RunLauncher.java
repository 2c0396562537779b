package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.runs.BotState;
import io.reembed.runs.ClientTokens;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;

/**
 * Starts one embedding task for one bot, exactly as the reference procedure does, but
 * idempotently (client token), at a bounded rate, and with every outcome recorded: a task, a
 * capacity failure to retry later, a throttled or unanswered call to repeat with the same token,
 * or a refusal that retrying cannot fix.
 */
public final class RunLauncher {

    private static final Logger LOG = Logger.getLogger(RunLauncher.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** failures[] reasons that retrying does not fix; anything else is capacity and passes. */
    private static final Set<String> PERMANENT_REASONS = Set.of("MISSING", "INACTIVE");

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
        Instant now;
        try {
            RunTaskResponse response = ecs.runTask(request(run, launching));
            now = clock.instant();
            consecutiveThrottles.set(0);
            if (!response.tasks().isEmpty()) {
                metrics.runTaskLaunched.incrementAndGet();
                return save(run, launching.launched(response.tasks().get(0).taskArn(),
                        response.tasks().get(0).lastStatus(), now));
            }
            String reason = response.failures().isEmpty() ? "RunTask started no task and gave no reason"
                    : response.failures().get(0).reason();
            if (PERMANENT_REASONS.contains(reason) || reason.startsWith("ATTRIBUTE")) {
                refused();
                return save(run, launching.failed("ECS refused the launch: " + reason, FailureKind.CONFIGURATION, now));
            }
            metrics.capacityFailures.incrementAndGet();
            // Capacity frees as tasks end: wait a little, not exponentially; the engine's gauge spaces the tries.
            return save(run, launching.requeued("Waiting for capacity: " + reason, now.plus(settings.capacityBackoff())));
        } catch (ConflictException e) {
            // The token was used before with other parameters: the task it started is ours.
            if (e.resourceIds() != null && !e.resourceIds().isEmpty()) {
                return save(run, launching.launched(e.resourceIds().get(0), null, clock.instant()));
            }
            refused();
            return save(run, launching.failed("ECS: " + e.awsErrorDetails().errorMessage(), FailureKind.CONFIGURATION,
                    clock.instant()));
        } catch (EcsException e) {
            now = clock.instant();
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                metrics.runTaskThrottled.incrementAndGet();
                Duration pause = settings.backoff(consecutiveThrottles.incrementAndGet());
                limiter.holdOff(pause);
                return save(run, launching.launchLater(message(e), now.plus(pause)));
            }
            refused();
            return save(run, launching.failed("ECS refused the launch: " + message(e), FailureKind.CONFIGURATION, now));
        } catch (SdkClientException e) {
            // No answer: the task may or may not exist. The same token makes the next call safe.
            LOG.warnf("RunTask for %s got no answer: %s", launching.botId(), e.getMessage());
            metrics.runTaskUnanswered.incrementAndGet();
            return save(run, launching.launchLater("No answer from ECS: " + e.getMessage(),
                    clock.instant().plus(settings.backoff(consecutiveThrottles.incrementAndGet()))));
        }
    }

    /** The reference procedure's RunTask, plus idempotency token, startedBy and tags. */
    public static RunTaskRequest request(Run run, RunBot bot) {
        EcsLaunchSettings ecsSettings = run.ecs();
        String keys = keysArgument(bot);
        return RunTaskRequest.builder()
                .cluster(ecsSettings.cluster())
                .taskDefinition(ecsSettings.taskDefinition())
                .launchType(LaunchType.FARGATE)
                .count(1)
                .clientToken(bot.clientToken())
                .startedBy(run.id())
                .tags(Tag.builder().key("reembed:run").value(run.id()).build(),
                        Tag.builder().key("reembed:bot").value(bot.botId()).build())
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(ecsSettings.subnets())
                        .securityGroups(ecsSettings.securityGroups())
                        .assignPublicIp(AssignPublicIp.fromValue(ecsSettings.assignPublicIp()))))
                .overrides(o -> o.containerOverrides(c -> c.name(ecsSettings.containerName())
                        .command(List.of("-u", "embedding/main.py", keys))))
                .build();
    }

    private void refused() {
        metrics.runTaskRefused.incrementAndGet();
        metrics.failed(FailureKind.CONFIGURATION);
    }

    /** The script's one argument, {@code {"PK": {"S": …}, "SK": {"S": …}}}, written by Jackson: keys are typed by users. */
    static String keysArgument(RunBot bot) {
        ObjectNode keys = JSON.createObjectNode();
        keys.putObject("PK").put("S", bot.pk());
        keys.putObject("SK").put("S", bot.sk());
        try {
            return JSON.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The bot's keys could not be written as JSON", e);
        }
    }

    private RunBot save(Run run, RunBot bot) {
        store.saveBot(run.id(), bot);
        return bot;
    }

    static String message(EcsException e) {
        return e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
}
