package io.reembed.runs.ecs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.TaskReport;
import io.reembed.runs.engine.EcsUnavailableException;
import io.reembed.runs.engine.LaunchOutcome;
import io.reembed.runs.engine.StopOutcome;
import io.reembed.runs.engine.TaskDescriptions;
import io.reembed.runs.engine.TaskLaunch;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS's requests, answers and errors in the engine's terms: the RunTask request of the reference
 * procedure, what a RunTask answer or error means (started, no capacity, throttled, unanswered,
 * refused), DescribeTasks reduced to reports, and StopTask's outcome. Used by the SDK adapter, and by
 * the engine's tests around their ECS in memory, so both go through the same reading.
 */
public final class EcsAnswers {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** failures[] reasons that retrying does not fix; anything else is capacity and passes. */
    private static final Set<String> PERMANENT_REASONS = Set.of("MISSING", "INACTIVE");

    private EcsAnswers() {
    }

    /** The reference procedure's RunTask, plus idempotency token, startedBy and tags. */
    public static RunTaskRequest request(TaskLaunch launch) {
        EcsLaunchSettings ecs = launch.ecs();
        return RunTaskRequest.builder()
                .cluster(ecs.cluster())
                .taskDefinition(ecs.taskDefinition())
                .launchType(LaunchType.FARGATE)
                .count(1)
                .clientToken(launch.clientToken())
                .startedBy(launch.runId())
                .tags(Tag.builder().key("reembed:run").value(launch.runId()).build(),
                        Tag.builder().key("reembed:bot").value(launch.botId()).build())
                .networkConfiguration(n -> n.awsvpcConfiguration(a -> a.subnets(ecs.subnets())
                        .securityGroups(ecs.securityGroups())
                        .assignPublicIp(AssignPublicIp.fromValue(ecs.assignPublicIp()))))
                .overrides(o -> o.containerOverrides(c -> c.name(ecs.containerName())
                        .command(List.of("-u", "embedding/main.py", keysArgument(launch.pk(), launch.sk())))))
                .build();
    }

    /** The script's one argument, {@code {"PK": {"S": …}, "SK": {"S": …}}}, written by Jackson: keys are typed by users. */
    public static String keysArgument(String pk, String sk) {
        ObjectNode keys = JSON.createObjectNode();
        keys.putObject("PK").put("S", pk);
        keys.putObject("SK").put("S", sk);
        try {
            return JSON.writeValueAsString(keys);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The bot's keys could not be written as JSON", e);
        }
    }

    public static LaunchOutcome launch(Supplier<RunTaskResponse> call) {
        try {
            RunTaskResponse response = call.get();
            if (!response.tasks().isEmpty()) {
                return new LaunchOutcome.Started(response.tasks().get(0).taskArn(), response.tasks().get(0).lastStatus());
            }
            String reason = response.failures().isEmpty() ? "RunTask started no task and gave no reason"
                    : response.failures().get(0).reason();
            if (PERMANENT_REASONS.contains(reason) || reason.startsWith("ATTRIBUTE")) {
                return new LaunchOutcome.Refused("ECS refused the launch: " + reason);
            }
            return new LaunchOutcome.NoCapacity(reason);
        } catch (ConflictException e) {
            // The token was used before with other parameters: the task it started is ours.
            if (e.resourceIds() != null && !e.resourceIds().isEmpty()) {
                return new LaunchOutcome.Started(e.resourceIds().get(0), null);
            }
            return new LaunchOutcome.Refused("ECS: " + e.awsErrorDetails().errorMessage());
        } catch (EcsException e) {
            if (retryable(e)) {
                return new LaunchOutcome.Throttled(message(e));
            }
            return new LaunchOutcome.Refused("ECS refused the launch: " + message(e));
        } catch (SdkClientException e) {
            return new LaunchOutcome.Unanswered(e.getMessage());
        }
    }

    public static TaskDescriptions described(Supplier<DescribeTasksResponse> call, String containerName) {
        DescribeTasksResponse response = unavailableAs(call, "DescribeTasks");
        List<TaskReport> reports = new ArrayList<>();
        for (Task task : response.tasks()) {
            reports.add(report(task, containerName));
        }
        List<TaskDescriptions.Missing> missing = new ArrayList<>();
        for (Failure failure : response.failures()) {
            missing.add(new TaskDescriptions.Missing(failure.arn(), failure.reason()));
        }
        return new TaskDescriptions(List.copyOf(reports), List.copyOf(missing));
    }

    /** What ECS said about a task, reduced to what a verdict needs: the named container's exit, or the first one's. */
    static TaskReport report(Task task, String containerName) {
        Container container = task.containers().stream().filter(c -> containerName.equals(c.name())).findFirst()
                .orElse(task.containers().isEmpty() ? null : task.containers().get(0));
        return new TaskReport(task.taskArn(), task.lastStatus(), task.stopCodeAsString(), task.stoppedReason(),
                container == null ? null : container.exitCode(), container == null ? null : container.reason(),
                task.startedAt());
    }

    public static StopOutcome stop(Runnable call) {
        try {
            call.run();
            return new StopOutcome.Sent();
        } catch (EcsException e) {
            return retryable(e) ? new StopOutcome.Again(e.getMessage()) : new StopOutcome.Refused(e.getMessage());
        } catch (SdkClientException e) {
            return new StopOutcome.Again(e.getMessage());
        }
    }

    /** The answer of a call whose failure the engine only reports (and tries again later). */
    public static <T> T unavailableAs(Supplier<T> call, String what) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw new EcsUnavailableException(what + ": " + e.getMessage(), e);
        }
    }

    private static boolean retryable(EcsException e) {
        return e.isThrottlingException() || e.statusCode() >= 500;
    }

    static String message(EcsException e) {
        return e.awsErrorDetails() == null ? e.getMessage()
                : e.awsErrorDetails().errorCode() + ": " + e.awsErrorDetails().errorMessage();
    }
}
