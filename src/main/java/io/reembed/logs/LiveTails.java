package io.reembed.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.AwsErrors;
import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

/**
 * The growing log of running tasks that someone is watching. Each task's lines are read at most
 * once per live-poll-interval whoever asks (every browser on the same row shares the read), following
 * GetLogEvents' forward token; a task nobody asked about for a while is forgotten.
 */
@ApplicationScoped
public class LiveTails {

    static final int MAX_LINES = 200;
    private static final Duration FORGET_AFTER = Duration.ofMinutes(2);

    /** What is known of a running task's log: its lines so far, and a note when they could not be read. */
    public record Live(List<LogLine> lines, String token, Instant readAt, String note) {
    }

    private final LogTailReader reader;
    private final Clock clock;
    private final Duration interval;
    private final Map<String, Live> tails = new ConcurrentHashMap<>();

    public LiveTails(LogTailReader reader, ReembedConfig config, Clock clock) {
        this.reader = reader;
        this.clock = clock;
        this.interval = config.logs().livePollInterval();
    }

    public Live read(String taskArn, LogLocation location) {
        Instant now = clock.instant();
        tails.values().removeIf(live -> live.readAt().plus(FORGET_AFTER).isBefore(now));
        return tails.compute(taskArn, (arn, known) -> {
            if (known != null && now.isBefore(known.readAt().plus(interval))) {
                return known;
            }
            String token = known == null ? null : known.token();
            List<LogLine> lines = known == null ? List.of() : known.lines();
            try {
                LogTailReader.Page page = reader.after(location, token);
                List<LogLine> grown = new ArrayList<>(lines);
                grown.addAll(page.lines());
                List<LogLine> kept = grown.subList(Math.max(0, grown.size() - MAX_LINES), grown.size());
                return new Live(List.copyOf(kept), page.nextForwardToken(), now, null);
            } catch (ResourceNotFoundException e) {
                return new Live(lines, token, now, "No lines yet: the log stream appears when the container starts.");
            } catch (AwsServiceException e) {
                String note = e.isThrottlingException() ? "CloudWatch Logs is busy (throttled): newer lines next time."
                        : "Could not read the log: " + AwsErrors.describe(e);
                return new Live(lines, token, now, note);
            } catch (SdkException e) {
                return new Live(lines, token, now, "Could not read the log: " + e.getMessage());
            }
        });
    }
}
