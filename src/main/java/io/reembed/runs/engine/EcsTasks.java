package io.reembed.runs.engine;

import java.util.List;

/**
 * The four ECS calls the engine makes, in the engine's own terms: the SDK adapter
 * ({@code runs.ecs.SdkEcsTasks}) maps ECS's answers and errors to these; the engine's tests use an
 * ECS in memory.
 */
public interface EcsTasks {

    LaunchOutcome runTask(TaskLaunch launch);

    /**
     * At most 100 tasks a call, as ECS allows; each report's exit code is the named container's.
     *
     * @throws EcsUnavailableException when ECS could not be asked
     */
    TaskDescriptions describeTasks(String cluster, List<String> taskArns, String containerName);

    StopOutcome stopTask(String cluster, String taskArn, String reason);

    /**
     * Every task ECS still knows that was started with this {@code startedBy}, running or stopped.
     *
     * @throws EcsUnavailableException when ECS could not be asked
     */
    List<String> listTasksStartedBy(String cluster, String startedBy);
}
