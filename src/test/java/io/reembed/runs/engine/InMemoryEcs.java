package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.bots.BotKey;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import io.reembed.runs.ecs.EcsAnswers;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.DescribeTasksResponse;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS in memory, moved on by DescribeTasks: a task is PROVISIONING when launched, RUNNING at its
 * first look and ends at its second, as its bot's fate says (writing the bot's SyncStatus as the
 * embedding script would). Faults are switched on one at a time by the tests.
 */
final class InMemoryEcs implements EcsTasks {

    static final String CAPACITY = "You've reached the limit on the number of vCPUs you can run concurrently";

    enum Fate {
        SUCCEEDS, CONTENT_FAILS, KILLED_FOR_MEMORY, STUCK,
        /** The first task fails to start (TaskFailedToStart, as when ECR cannot be reached); the next one succeeds. */
        FAILS_TO_START_ONCE,
        /** Every task fails to start. */
        NEVER_STARTS
    }

    static final String START_FAILURE = "ResourceInitializationError: unable to pull secrets or registry auth";

    private static final class FakeTask {
        String arn;
        String id;
        BotKey bot;
        String startedBy;
        Instant createdAt;
        String lastStatus = "PROVISIONING";
        Instant startedAt;
        boolean stopAsked;
        String stopCode;
        String stoppedReason;
        Integer exitCode;
        String containerReason;
        boolean forgotten;
    }

    private final Clock clock;
    private final InMemorySyncStatus sync;
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, FakeTask> tasks = new LinkedHashMap<>();
    private final Map<String, String> tokens = new HashMap<>();
    private final Map<BotKey, Fate> fates = new HashMap<>();
    private final java.util.Set<BotKey> failedToStart = new java.util.HashSet<>();
    private final List<Instant> stopCalls = new ArrayList<>();
    private int throttleRunTasks;
    private int loseRunTaskAnswers;
    private int throttleStops;
    private int capacity;
    private Duration missingFor = Duration.ZERO;
    private int runTaskCalls;
    private int maxInFlight;

    InMemoryEcs(Clock clock, InMemorySyncStatus sync) {
        this.clock = clock;
        this.sync = sync;
    }

    synchronized void fate(BotKey bot, Fate fate) {
        fates.put(bot, fate);
    }

    synchronized void throttleRunTasks(int calls) {
        throttleRunTasks = calls;
    }

    /** The next RunTask calls start their task but their answer is lost. */
    synchronized void loseRunTaskAnswers(int calls) {
        loseRunTaskAnswers = calls;
    }

    synchronized void throttleStops(int calls) {
        throttleStops = calls;
    }

    /** Tasks not stopped beyond which RunTask answers with a vCPU-limit failure; 0 for no limit. */
    synchronized void capacity(int tasks) {
        capacity = tasks;
    }

    /** DescribeTasks answers MISSING for this long after a launch (eventual consistency). */
    synchronized void missingFor(Duration window) {
        missingFor = window;
    }

    /** ECS forgets the task: DescribeTasks answers MISSING from now on. */
    synchronized void forget(String arn) {
        tasks.get(arn).forgotten = true;
    }

    synchronized int runTaskCalls() {
        return runTaskCalls;
    }

    synchronized List<Instant> stopCalls() {
        return List.copyOf(stopCalls);
    }

    /** The most tasks that were not stopped at once. */
    synchronized int maxInFlight() {
        return maxInFlight;
    }

    synchronized List<String> tasksStartedBy(String startedBy) {
        return tasks.values().stream().filter(t -> startedBy.equals(t.startedBy)).map(t -> t.arn).toList();
    }

    synchronized List<String> tasksOf(BotKey bot) {
        return tasks.values().stream().filter(t -> bot.equals(t.bot)).map(t -> t.arn).toList();
    }

    synchronized boolean stopAsked(String arn) {
        return tasks.get(arn).stopAsked;
    }

    /** The port's call, read as the SDK adapter reads ECS's answers: the same mapping is under test here. */
    @Override
    public LaunchOutcome runTask(TaskLaunch launch) {
        return EcsAnswers.launch(() -> runTask(EcsAnswers.request(launch)));
    }

    @Override
    public TaskDescriptions describeTasks(String cluster, List<String> taskArns, String containerName) {
        return EcsAnswers.described(() -> describeTasks(cluster, taskArns), containerName);
    }

    @Override
    public StopOutcome stopTask(String cluster, String taskArn, String reason) {
        return EcsAnswers.stop(() -> stop(taskArn, reason));
    }

    /** RunTask as ECS answers it. */
    synchronized RunTaskResponse runTask(RunTaskRequest request) {
        runTaskCalls++;
        if (throttleRunTasks > 0) {
            throttleRunTasks--;
            throw throttled();
        }
        String known = request.clientToken() == null ? null : tokens.get(request.clientToken());
        if (known != null) {
            return RunTaskResponse.builder().tasks(describe(tasks.get(known))).build();
        }
        long notStopped = tasks.values().stream().filter(t -> !"STOPPED".equals(t.lastStatus)).count();
        if (capacity > 0 && notStopped >= capacity) {
            return RunTaskResponse.builder().failures(Failure.builder().reason(CAPACITY).build()).build();
        }
        FakeTask task = new FakeTask();
        task.id = "t" + (tasks.size() + 1);
        task.arn = "arn:aws:ecs:us-east-1:123456789012:task/cluster/" + task.id;
        task.bot = botOf(request);
        task.startedBy = request.startedBy();
        task.createdAt = clock.instant();
        tasks.put(task.arn, task);
        tokens.put(request.clientToken(), task.arn);
        maxInFlight = (int) Math.max(maxInFlight, notStopped + 1);
        if (loseRunTaskAnswers > 0) {
            loseRunTaskAnswers--;
            throw SdkClientException.create("Read timed out");
        }
        return RunTaskResponse.builder().tasks(describe(task)).build();
    }

    synchronized DescribeTasksResponse describeTasks(String cluster, List<String> taskArns) {
        if (taskArns.size() > 100) {
            throw EcsException.builder().statusCode(400).message("more than 100 tasks").build();
        }
        List<Task> found = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (String arn : taskArns) {
            FakeTask task = tasks.get(arn);
            if (task == null || task.forgotten || clock.instant().isBefore(task.createdAt.plus(missingFor))) {
                failures.add(Failure.builder().arn(arn).reason("MISSING").build());
                continue;
            }
            moveOn(task);
            found.add(describe(task));
        }
        return DescribeTasksResponse.builder().tasks(found).failures(failures).build();
    }

    private synchronized void stop(String taskArn, String reason) {
        stopCalls.add(clock.instant());
        if (throttleStops > 0) {
            throttleStops--;
            throw throttled();
        }
        FakeTask task = tasks.get(taskArn);
        if (task == null) {
            throw EcsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                    .errorCode("InvalidParameterException").errorMessage("The referenced task was not found.").build())
                    .build();
        }
        if (!"STOPPED".equals(task.lastStatus)) {
            task.stopAsked = true;
            task.stoppedReason = reason;
        }
    }

    @Override
    public synchronized List<String> listTasksStartedBy(String cluster, String startedBy) {
        return tasksStartedBy(startedBy);
    }

    private void moveOn(FakeTask task) {
        if ("STOPPED".equals(task.lastStatus)) {
            return;
        }
        if (task.stopAsked) {
            task.stopCode = "UserInitiated";
            task.exitCode = "RUNNING".equals(task.lastStatus) ? 137 : null;
            task.lastStatus = "STOPPED";
            return;
        }
        Fate fate = fates.getOrDefault(task.bot, Fate.SUCCEEDS);
        boolean failsToStart = fate == Fate.NEVER_STARTS
                || (fate == Fate.FAILS_TO_START_ONCE && !failedToStart.contains(task.bot));
        if ("PROVISIONING".equals(task.lastStatus) && failsToStart) {
            failedToStart.add(task.bot);
            task.lastStatus = "STOPPED";
            task.stopCode = "TaskFailedToStart";
            task.stoppedReason = START_FAILURE;
            return;
        }
        if ("PROVISIONING".equals(task.lastStatus)) {
            if (fate != Fate.STUCK) {
                task.lastStatus = "RUNNING";
                task.startedAt = clock.instant();
                sync.write(task.bot, "RUNNING", "", task.id);
            }
            return;
        }
        task.lastStatus = "STOPPED";
        task.stopCode = "EssentialContainerExited";
        switch (fate) {
            case SUCCEEDS -> {
                task.exitCode = 0;
                sync.write(task.bot, "SUCCEEDED", "Successfully inserted to vector store.", task.id);
            }
            case CONTENT_FAILS -> {
                task.exitCode = 0;
                sync.write(task.bot, "FAILED", "Failed to load https://example.com/gone", task.id);
            }
            case KILLED_FOR_MEMORY -> {
                task.exitCode = 137;
                task.containerReason = "OutOfMemoryError: Container killed due to memory usage";
            }
            case STUCK, NEVER_STARTS -> throw new IllegalStateException("this task never runs");
            case FAILS_TO_START_ONCE -> {
                task.exitCode = 0;
                sync.write(task.bot, "SUCCEEDED", "Successfully inserted to vector store.", task.id);
            }
        }
    }

    private Task describe(FakeTask task) {
        return Task.builder().taskArn(task.arn).lastStatus(task.lastStatus).startedBy(task.startedBy)
                .startedAt(task.startedAt).stopCode(task.stopCode).stoppedReason(task.stoppedReason)
                .containers(Container.builder().name("Container").exitCode(task.exitCode).reason(task.containerReason)
                        .build())
                .build();
    }

    private BotKey botOf(RunTaskRequest request) {
        try {
            List<String> command = request.overrides().containerOverrides().get(0).command();
            JsonNode keys = json.readTree(command.get(command.size() - 1));
            return new BotKey(keys.path("PK").path("S").asText(), keys.path("SK").path("S").asText());
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("not the reference procedure's command", e);
        }
    }

    private static EcsException throttled() {
        return (EcsException) EcsException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .errorCode("ThrottlingException").errorMessage("Rate exceeded").build()).build();
    }
}
