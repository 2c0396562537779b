package io.reembed.logs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import io.quarkus.runtime.ShutdownEvent;
import io.reembed.aws.AwsErrors;
import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.RunBot;
import io.reembed.runs.TaskReport;
import io.reembed.runs.engine.EngineSettings;
import io.reembed.runs.engine.RateLimiter;
import io.reembed.runs.engine.Sleeper;
import io.reembed.runs.engine.TaskEndings;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * Keeps the end of every task's log with its run. When a task ends it queues a read of its stream
 * (a little later: events arrive a few seconds late); one worker reads the queue at
 * {@code reembed.logs.read-rate}, under CloudWatch Logs' GetLogEvents quota of 25 calls per second
 * per account and region (not adjustable, and shared with every other reader). A throttled read is
 * queued again after a backoff without counting as a try; a stream not there yet is read again a few
 * times; what cannot be read is stored as a plain note in the lines' place.
 */
@ApplicationScoped
public class TaskLogKeeper implements TaskEndings {

    private static final Logger LOG = Logger.getLogger(TaskLogKeeper.class);
    private static final int MAX_THROTTLES = 30;

    /** One read to make: the task, how ECS said it ended, and how many reads it has had. */
    record Job(String runId, BotKey bot, int attempt, String taskArn, String taskDefinition, String container,
            String stopCode, String stoppedReason, Integer exitCode, int tries, int throttles, long dueNanos)
            implements Delayed {

        Job later(Duration wait, boolean throttled) {
            return new Job(runId, bot, attempt, taskArn, taskDefinition, container, stopCode, stoppedReason, exitCode,
                    throttled ? tries : tries + 1, throttled ? throttles + 1 : throttles, System.nanoTime() + wait.toNanos());
        }

        String taskId() {
            return taskArn.substring(taskArn.lastIndexOf('/') + 1);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(dueNanos, ((Job) other).dueNanos);
        }
    }

    private final LogLocator locator;
    private final LogTailReader reader;
    private final LogTailStore store;
    private final ReembedConfig.Logs settings;
    private final EngineSettings backoff;
    private final Clock clock;
    private final RateLimiter limiter;
    private final DelayQueue<Job> queue = new DelayQueue<>();
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicLong kept = new AtomicLong();
    private volatile Thread worker;

    public TaskLogKeeper(LogLocator locator, LogTailReader reader, LogTailStore store, ReembedConfig config,
            Clock clock) {
        this.locator = locator;
        this.reader = reader;
        this.store = store;
        this.settings = config.logs();
        this.backoff = EngineSettings.from(config);
        this.clock = clock;
        this.limiter = new RateLimiter(settings.readRate(), clock, Sleeper.REAL);
    }

    @Override
    public void ended(String runId, EcsLaunchSettings ecs, RunBot bot, TaskReport report) {
        if (bot.taskArn() == null) {
            return;
        }
        queue.add(new Job(runId, bot.key(), bot.attempt(), bot.taskArn(), ecs.taskDefinition(), ecs.containerName(),
                bot.stopCode(), report == null ? null : report.stoppedReason(), bot.exitCode(), 0, 0,
                System.nanoTime() + settings.firstReadDelay().toNanos()));
        startWorker();
    }

    /** The ended tasks whose tail is not stored yet (the copy that queued their reads stopped) are read now. */
    @Override
    public void unread(String runId, EcsLaunchSettings ecs, List<RunBot> ended) {
        java.util.Map<BotKey, List<LogTail>> stored = store.ofRun(runId);
        int queued = 0;
        for (RunBot bot : ended) {
            if (LogTail.of(stored, bot.key(), bot.attempt()).isEmpty()) {
                ended(runId, ecs, bot, null);
                queued++;
            }
        }
        if (queued > 0) {
            LOG.infof("Run %s: %d task logs a copy had still to read are read now", runId, queued);
        }
    }

    /** GetLogEvents calls made, throttled, and tails stored: for tests and benchmarks. */
    public long reads() {
        return reads.get();
    }

    public long throttled() {
        return throttled.get();
    }

    public long kept() {
        return kept.get();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
        }
    }

    private synchronized void startWorker() {
        if (worker == null) {
            Thread thread = new Thread(this::work, "task-log-keeper");
            thread.setDaemon(true);
            thread.start();
            worker = thread;
        }
    }

    private void work() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Job job = queue.take();
                limiter.acquire();
                try {
                    read(job);
                } catch (RuntimeException e) {
                    LOG.warnf("Could not keep the log of task %s: %s", job.taskId(), e.getMessage());
                    if (job.tries() + 1 < settings.attempts()) {
                        queue.add(job.later(retryWait(job), false));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(Job job) {
        LogLocator.Awslogs awslogs;
        try {
            awslogs = locator.awslogs(job.taskDefinition(), job.container());
        } catch (SdkException e) {
            retryOrNote(job, e, "Could not find where the log is (ECS DescribeTaskDefinition): ");
            return;
        }
        if (awslogs.problem() != null) {
            keep(job, null, List.of(), "No log: " + awslogs.problem() + ".");
            return;
        }
        LogLocation location = awslogs.of(job.container(), job.taskId()).orElseThrow();
        try {
            reads.incrementAndGet();
            List<LogLine> lines = reader.tail(location).lines();
            if (lines.isEmpty() && job.tries() + 1 < settings.attempts()) {
                queue.add(job.later(retryWait(job), false));
                return;
            }
            keep(job, location, lines, lines.isEmpty() ? "The log stream has no lines." : null);
        } catch (ResourceNotFoundException e) {
            if (job.tries() + 1 < settings.attempts()) {
                queue.add(job.later(retryWait(job), false));
            } else {
                keep(job, location, List.of(), "No log: the stream " + location.stream() + " does not exist in "
                        + location.group() + " (the container may never have started, or the log has expired).");
            }
        } catch (SdkException e) {
            retryOrNote(job, e, "Could not read the log: ");
        }
    }

    private void retryOrNote(Job job, SdkException e, String what) {
        if (e instanceof AwsServiceException service && service.isThrottlingException()
                && job.throttles() < MAX_THROTTLES) {
            throttled.incrementAndGet();
            // The same backoff as for a throttled ECS call: reembed.runs.throttle-backoff, doubling to max-backoff.
            Duration wait = backoff.backoff(job.throttles() + 1);
            limiter.holdOff(wait);
            queue.add(job.later(wait, true));
            return;
        }
        boolean denied = e instanceof AwsServiceException service && service.statusCode() == 403
                || e.getMessage() != null && e.getMessage().contains("AccessDenied");
        if (!denied && job.tries() + 1 < settings.attempts()) {
            queue.add(job.later(retryWait(job), false));
            return;
        }
        keep(job, null, List.of(), what + AwsErrors.describe(e));
    }

    private void keep(Job job, LogLocation location, List<LogLine> lines, String note) {
        store.save(job.runId(), job.bot(), new LogTail(job.attempt(), job.taskId(),
                location == null ? null : location.group(), location == null ? null : location.stream(), lines, note,
                job.stopCode(), job.stoppedReason(), job.exitCode(), clock.instant()));
        kept.incrementAndGet();
    }

    private Duration retryWait(Job job) {
        return settings.firstReadDelay().multipliedBy(1L << Math.min(job.tries(), 4));
    }
}
