package io.reembed.runs.ecs;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.AwsClientProducers;
import io.reembed.runs.engine.EcsTasks;
import io.reembed.runs.engine.LaunchOutcome;
import io.reembed.runs.engine.StopOutcome;
import io.reembed.runs.engine.TaskDescriptions;
import io.reembed.runs.engine.TaskLaunch;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;

/**
 * The engine's ECS calls, made with the SDK client (no retries of its own: see {@link AwsClientProducers}),
 * their answers and errors read by {@link EcsAnswers}.
 */
@ApplicationScoped
public class SdkEcsTasks implements EcsTasks {

    private final EcsClient ecs;

    public SdkEcsTasks(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public LaunchOutcome runTask(TaskLaunch launch) {
        return EcsAnswers.launch(() -> ecs.runTask(EcsAnswers.request(launch)));
    }

    @Override
    public TaskDescriptions describeTasks(String cluster, List<String> taskArns, String containerName) {
        return EcsAnswers.described(() -> ecs.describeTasks(b -> b.cluster(cluster).tasks(taskArns)), containerName);
    }

    @Override
    public StopOutcome stopTask(String cluster, String taskArn, String reason) {
        return EcsAnswers.stop(() -> ecs.stopTask(b -> b.cluster(cluster).task(taskArn).reason(reason)));
    }

    @Override
    public List<String> listTasksStartedBy(String cluster, String startedBy) {
        return EcsAnswers.unavailableAs(() -> {
            // ListTasks lists RUNNING tasks unless asked for STOPPED ones; a task being stopped may be in either.
            List<String> arns = new ArrayList<>();
            for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
                ecs.listTasksPaginator(b -> b.cluster(cluster).startedBy(startedBy).desiredStatus(status)).taskArns()
                        .forEach(arns::add);
            }
            return arns;
        }, "ListTasks");
    }
}
