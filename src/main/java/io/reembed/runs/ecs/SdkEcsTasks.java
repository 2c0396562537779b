package io.reembed.runs.ecs;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.runs.engine.EcsTasks;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import io.reembed.aws.AwsClientProducers;

/** The engine's ECS calls, made with the SDK client (no retries of its own: see {@link AwsClientProducers}). */
@ApplicationScoped
public class SdkEcsTasks implements EcsTasks {

    private final EcsClient ecs;

    public SdkEcsTasks(EcsClient ecs) {
        this.ecs = ecs;
    }

    @Override
    public RunTaskResponse runTask(RunTaskRequest request) {
        return ecs.runTask(request);
    }

    @Override
    public DescribeTasksResponse describeTasks(String cluster, List<String> taskArns) {
        return ecs.describeTasks(b -> b.cluster(cluster).tasks(taskArns));
    }

    @Override
    public void stopTask(String cluster, String taskArn, String reason) {
        ecs.stopTask(b -> b.cluster(cluster).task(taskArn).reason(reason));
    }

    @Override
    public List<String> listTasksStartedBy(String cluster, String startedBy) {
        // ListTasks lists RUNNING tasks unless asked for STOPPED ones; a task being stopped may be in either.
        List<String> arns = new ArrayList<>();
        for (DesiredStatus status : List.of(DesiredStatus.RUNNING, DesiredStatus.STOPPED)) {
            ecs.listTasksPaginator(b -> b.cluster(cluster).startedBy(startedBy).desiredStatus(status)).taskArns()
                    .forEach(arns::add);
        }
        return arns;
    }
}
