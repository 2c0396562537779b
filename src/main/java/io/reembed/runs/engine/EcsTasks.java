package io.reembed.runs.engine;

import java.util.List;

import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;

/**
 * The four ECS calls the engine makes, in ECS's own terms. The product answers them with the SDK
 * client; tests with an in-memory ECS. Errors are the SDK's exceptions in both.
 */
public interface EcsTasks {

    RunTaskResponse runTask(RunTaskRequest request);

    /** At most 100 tasks a call, as ECS allows. */
    DescribeTasksResponse describeTasks(String cluster, List<String> taskArns);

    void stopTask(String cluster, String taskArn, String reason);

    /** Every task ECS still knows that was started with this {@code startedBy}, running or stopped. */
    List<String> listTasksStartedBy(String cluster, String startedBy);
}
