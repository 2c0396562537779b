package io.reembed.runs.engine;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

import io.reembed.runs.Run;
import org.jboss.logging.Logger;

/**
 * Sends StopTask off the engine thread, at its own paced rate, so that cancelling a run with a
 * thousand tasks in flight answers at once and the poller keeps polling. ECS throttles StopTask
 * per account and region like every other call; a throttled or unanswered call is sent again after
 * a backoff, a few times, then given up with a message. Also searches, once, for tasks a crash
 * left unrecorded.
 */
final class TaskStopper {

    private static final Logger LOG = Logger.getLogger(TaskStopper.class);

    /** What happened to one stop, for the engine thread to record. */
    record Outcome(boolean sent, String message) {
    }

    private final EcsTasks ecs;
    private final EngineSettings settings;
    private final EngineMetrics metrics;
    private final RateLimiter limiter;
    private final Executor workers;

    TaskStopper(EcsTasks ecs, EngineSettings settings, Clock clock, Sleeper sleeper, EngineMetrics metrics,
            Executor workers) {
        this.ecs = ecs;
        this.settings = settings;
        this.metrics = metrics;
        this.workers = workers;
        this.limiter = new RateLimiter(settings.stopTaskRate(), clock, sleeper);
    }

    /** Queues a StopTask; {@code done} hears how it went, on a worker thread. */
    void stop(Run run, String taskArn, String why, Consumer<Outcome> done) {
        workers.execute(() -> done.accept(send(run, taskArn, why)));
    }

    /**
     * Finds the tasks ECS runs for this run that the run never recorded (a crash between RunTask
     * and storing its answer; every task carries the run id as {@code startedBy}) and stops them.
     * {@code done} hears how many were stopped.
     */
    void sweep(Run run, Set<String> recordedArns, String why, IntConsumer done) {
        workers.execute(() -> {
            int stopped = 0;
            List<String> unrecorded = unrecorded(run, recordedArns);
            for (String arn : unrecorded) {
                if (send(run, arn, why).sent()) {
                    stopped++;
                }
            }
            done.accept(stopped);
        });
    }

    private List<String> unrecorded(Run run, Set<String> recordedArns) {
        for (int attempt = 1;; attempt++) {
            try {
                limiter.acquire();
                return ecs.listTasksStartedBy(run.ecs().cluster(), run.id()).stream()
                        .filter(arn -> !recordedArns.contains(arn)).toList();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            } catch (EcsUnavailableException e) {
                if (attempt >= settings.stopAttempts()) {
                    LOG.warnf("Could not look for unrecorded tasks of run %s: %s", run.id(), e.getMessage());
                    return List.of();
                }
                limiter.holdOff(settings.backoff(attempt));
            }
        }
    }


    private Outcome send(Run run, String taskArn, String why) {
        for (int attempt = 1;; attempt++) {
            try {
                limiter.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Outcome(false, "The console stopped before StopTask was sent; the task may still run");
            }
            metrics.stopTaskCalls.incrementAndGet();
            StopOutcome outcome = ecs.stopTask(run.ecs().cluster(), taskArn, "Re-embed Console: " + why);
            if (outcome instanceof StopOutcome.Sent) {
                return new Outcome(true, "StopTask sent (" + why + "); waiting for ECS to stop the task");
            }
            boolean again = outcome instanceof StopOutcome.Again;
            String message = again ? ((StopOutcome.Again) outcome).message() : ((StopOutcome.Refused) outcome).message();
            if (again) {
                metrics.stopTaskThrottled.incrementAndGet();
            }
            if (!again || attempt >= settings.stopAttempts()) {
                LOG.warnf("StopTask %s failed: %s", taskArn, message);
                return new Outcome(false, "StopTask failed (" + message + "); the task may still run");
            }
            limiter.holdOff(settings.backoff(attempt));
        }
    }
}
