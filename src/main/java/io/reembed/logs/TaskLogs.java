package io.reembed.logs;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.AwsClientSettings;
import io.reembed.bots.BotKey;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;

/** A bot's log as the pages and the API show it: the kept end, or the live lines while its task runs. */
@ApplicationScoped
public class TaskLogs {

    private static final Duration KEEP_WAITING = Duration.ofMinutes(3);

    /**
     * One bot's log: {@code stored} once its task ended and the end was kept, {@code live} lines while it
     * runs, a note when there is neither, and links to the task and the stream in the AWS console.
     */
    public record BotLog(RunBot bot, LogTail stored, List<LogLine> live, String note, String ecsConsoleUrl,
            String logConsoleUrl, boolean polling) {

        public List<LogLine> lines() {
            return stored != null ? stored.lines() : live;
        }
    }

    private final LogTailStore store;
    private final LogLocator locator;
    private final LiveTails liveTails;
    private final AwsClientSettings aws;
    private final Clock clock;

    public TaskLogs(LogTailStore store, LogLocator locator, LiveTails liveTails, AwsClientSettings aws, Clock clock) {
        this.clock = clock;
        this.store = store;
        this.locator = locator;
        this.liveTails = liveTails;
        this.aws = aws;
    }

    /** Every kept tail of the run, by bot, every attempt. */
    public Map<BotKey, List<LogTail>> tails(String runId) {
        return store.ofRun(runId);
    }

    public BotLog of(Run run, RunBot bot) {
        Optional<LogTail> stored = store.of(run.id(), bot.key(), bot.attempt());
        String region = Optional.ofNullable(run.ecs().region()).or(() -> aws.region().map(Region::id)).orElse("us-east-1");
        String taskId = bot.taskId();
        String ecsUrl = taskId == null ? null : ConsoleLinks.ecsTask(region, run.ecs().cluster(), taskId);
        if (stored.isPresent()) {
            LogTail tail = stored.get();
            String logUrl = tail.stream() == null ? null
                    : ConsoleLinks.logStream(region, new LogLocation(tail.group(), tail.stream()));
            return new BotLog(bot, tail, List.of(), tail.note(), ecsUrl, logUrl, false);
        }
        if (taskId == null) {
            return new BotLog(bot, null, List.of(), "No task was launched for this attempt, so there is no log.", null,
                    null, false);
        }
        LogLocator.Awslogs awslogs;
        try {
            awslogs = locator.awslogs(run.ecs().taskDefinition(), run.ecs().containerName());
        } catch (SdkException e) {
            return new BotLog(bot, null, List.of(), "Could not find where the log is (ECS DescribeTaskDefinition): "
                    + e.getMessage(), ecsUrl, null, !bot.state().terminal());
        }
        Optional<LogLocation> location = awslogs.of(run.ecs().containerName(), taskId);
        if (location.isEmpty()) {
            return new BotLog(bot, null, List.of(), "No log: " + awslogs.problem() + ".", ecsUrl, null, false);
        }
        String logUrl = ConsoleLinks.logStream(region, location.get());
        LiveTails.Live live = liveTails.read(bot.taskArn(), location.get());
        String note = live.note() != null ? live.note()
                : bot.state().terminal() ? "The task has ended; the end of its log is being kept." : null;
        // Polls while the task runs, and a little after it ended, until its kept end replaces the live lines.
        boolean polling = !bot.state().terminal()
                || bot.finishedAt() != null && clock.instant().isBefore(bot.finishedAt().plus(KEEP_WAITING));
        return new BotLog(bot, null, live.lines(), note, ecsUrl, logUrl, polling);
    }
}
