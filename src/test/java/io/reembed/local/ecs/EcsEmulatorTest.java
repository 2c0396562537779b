package io.reembed.local.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.DemoAccount;
import io.reembed.aws.AwsClientSettings;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoDataSet;
import io.reembed.local.DemoTable;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.AssignPublicIp;
import software.amazon.awssdk.services.ecs.model.ClusterNotFoundException;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.InvalidParameterException;
import software.amazon.awssdk.services.ecs.model.LaunchType;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Tag;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ecs.model.TaskField;

/** The emulator through the unmodified AWS SDK EcsClient, with the DynamoDB emulator behind it. */
@QuarkusTest
class EcsEmulatorTest {

    private static final String CLUSTER = "bedrock-chat-demo";
    private static final String FAMILY = "bedrock-chat-demo-embedding";

    @Inject
    EcsClient ecs;

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    AwsClientSettings awsSettings;

    DemoTable table;
    EmulatorSettings defaults;

    @BeforeEach
    void freshEmulator() {
        defaults = EmulatorSettings.from(config.ecsEmulator());
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).build());
        table = new DemoTable(dynamo, DemoModeConfigSourceFactory.DEMO_TABLE);
    }

    /** The next class finds the emulator as each test here starts, whatever a test changed (stuck tasks, rates). */
    @AfterEach
    void unchangedEmulator() {
        freshEmulator();
    }

    @Test
    void runsAnEmbeddingTaskThroughTheFargateLifecycle() {
        Map<String, AttributeValue> bot = bot(item -> DemoTable.hasKnowledge(item)
                && DemoTable.urls(item).stream().noneMatch(url -> url.contains("fail")));

        RunTaskResponse response = ecs.runTask(embed(bot).startedBy("run-1")
                .tags(Tag.builder().key("reembed:run").value("run-1").build()).build());

        assertTrue(response.failures().isEmpty());
        Task started = response.tasks().get(0);
        assertTrue(started.taskArn().matches("arn:aws:ecs:us-east-1:\\d{12}:task/" + CLUSTER + "/[0-9a-f]{32}"),
                started.taskArn());
        assertEquals("PROVISIONING", started.lastStatus());
        assertEquals("RUNNING", started.desiredStatus());
        assertEquals("run-1", started.startedBy());
        assertEquals("family:" + FAMILY, started.group());
        assertEquals("run-1", started.tags().get(0).value());
        assertEquals(List.of("-u", "embedding/main.py", keysJson(bot)),
                started.overrides().containerOverrides().get(0).command());

        Task stopped = awaitTask(started.taskArn(), task -> "STOPPED".equals(task.lastStatus()));
        assertEquals("EssentialContainerExited", stopped.stopCodeAsString());
        assertEquals(0, stopped.containers().get(0).exitCode());
        assertOrdered(stopped.createdAt(), stopped.pullStartedAt(), stopped.pullStoppedAt(), stopped.startedAt(),
                stopped.stoppingAt(), stopped.executionStoppedAt(), stopped.stoppedAt());
        Map<String, AttributeValue> after = reread(bot);
        assertEquals("SUCCEEDED", DemoTable.string(after, "SyncStatus"));
        assertEquals("Successfully inserted to vector store.", DemoTable.string(after, "SyncStatusReason"));
        assertEquals(taskId(started), DemoTable.string(after, "LastExecId"));
    }

    @Test
    void marksTheBotRunningWhileTheContainerRuns() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).timeScale(0.05).build());
        Map<String, AttributeValue> bot = bot(item -> DemoTable.hasKnowledge(item)
                && DemoTable.urls(item).stream().noneMatch(url -> url.contains("fail")));

        Task task = ecs.runTask(embed(bot).build()).tasks().get(0);
        awaitTask(task.taskArn(), seen -> "RUNNING".equals(seen.lastStatus()));

        Map<String, AttributeValue> during = awaitItem(bot, item -> "RUNNING".equals(DemoTable.string(item, "SyncStatus")));
        assertEquals(taskId(task), DemoTable.string(during, "LastExecId"));
    }

    @Test
    void aBotWhoseKnowledgeCannotBeLoadedFails() {
        Map<String, AttributeValue> bot = bot(item -> DemoTable.urls(item).contains(DemoDataSet.FAILING_URL));

        Task task = ecs.runTask(embed(bot).build()).tasks().get(0);
        Task stopped = awaitTask(task.taskArn(), seen -> "STOPPED".equals(seen.lastStatus()));

        assertEquals(1, stopped.containers().get(0).exitCode());
        Map<String, AttributeValue> after = reread(bot);
        assertEquals("FAILED", DemoTable.string(after, "SyncStatus"));
        assertTrue(DemoTable.string(after, "SyncStatusReason").contains(DemoDataSet.FAILING_URL));
        assertEquals(taskId(task), DemoTable.string(after, "LastExecId"));
    }

    @Test
    void aContainerOutOfMemoryIsKilledAndLeavesTheBotRunning() {
        Map<String, AttributeValue> bot = bot(item -> DemoTable.urls(item).contains(DemoDataSet.OUT_OF_MEMORY_URL));

        Task stopped = awaitTask(ecs.runTask(embed(bot).build()).tasks().get(0).taskArn(),
                seen -> "STOPPED".equals(seen.lastStatus()));

        assertEquals(137, stopped.containers().get(0).exitCode());
        assertTrue(stopped.containers().get(0).reason().contains("OutOfMemoryError"));
        assertEquals("RUNNING", DemoTable.string(reread(bot), "SyncStatus"), "SyncStatus alone never proves the task ran");
    }

    @Test
    void aRandomFailureIsCaughtByTheScriptAndExitsZero() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).failureRate(1.0).build());
        Map<String, AttributeValue> bot = bot(item -> DemoTable.hasKnowledge(item)
                && DemoTable.urls(item).stream().noneMatch(url -> url.contains("fail")));

        Task stopped = awaitTask(ecs.runTask(embed(bot).build()).tasks().get(0).taskArn(),
                seen -> "STOPPED".equals(seen.lastStatus()));

        assertEquals(0, stopped.containers().get(0).exitCode(), "exit code alone never proves success");
        assertEquals("FAILED", DemoTable.string(reread(bot), "SyncStatus"));
    }

    @Test
    void aMalformedCommandExitsOneAndTouchesNothing() {
        Map<String, AttributeValue> bot = bot(DemoTable::hasKnowledge);
        Map<String, AttributeValue> before = reread(bot);

        Task task = ecs.runTask(request(List.of("-u", "embedding/main.py", "{not json")).build()).tasks().get(0);
        Task stopped = awaitTask(task.taskArn(), seen -> "STOPPED".equals(seen.lastStatus()));

        assertEquals(1, stopped.containers().get(0).exitCode());
        assertEquals(before, reread(bot));
    }

    @Test
    void aTaskForAnUnknownBotExitsOne() {
        String keys = "{\"PK\": {\"S\": \"nobody\"}, \"SK\": {\"S\": \"nobody#BOT#NOTHING\"}}";
        Task task = ecs.runTask(request(List.of("-u", "embedding/main.py", keys)).build()).tasks().get(0);

        Task stopped = awaitTask(task.taskArn(), seen -> "STOPPED".equals(seen.lastStatus()));

        assertEquals(1, stopped.containers().get(0).exitCode());
        assertNull(table.get("nobody", "nobody#BOT#NOTHING").get("PK"), "the table is not written");
    }

    @Test
    void throttlesRunTaskAtTwentyCallsPerSecond() throws Exception {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).runTaskRate(20).build());
        try (EcsClient noRetries = clientWithoutRetries()) {
            Burst burst = Burst.untilThrottled(() -> noRetries.runTask(request(List.of("-u", "embedding/main.py", "{}"))
                    .build()), "Rate exceeded");
            assertTrue(burst.accepted() >= 20 && burst.accepted() <= 20 + 20 * burst.seconds() + 1, burst.toString());
        }
    }

    @Test
    void throttlesDescribeAndListCallsBeyondTheirBucket() throws Exception {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).describeRate(50, 20).build());
        try (EcsClient noRetries = clientWithoutRetries()) {
            Burst burst = Burst.untilThrottled(() -> noRetries.listTasks(b -> b.cluster(CLUSTER)), null);
            assertTrue(burst.accepted() >= 50 && burst.accepted() <= 50 + 20 * burst.seconds() + 1, burst.toString());
        }
    }

    /**
     * Calls made by eight callers at once until the first throttle: however slow the machine, what is
     * accepted is bounded by the bucket (its burst, then its rate), not by how fast the calls came.
     */
    record Burst(int accepted, int calls, double seconds) {

        static Burst untilThrottled(Runnable call, String message) throws Exception {
            AtomicInteger accepted = new AtomicInteger();
            AtomicInteger calls = new AtomicInteger();
            AtomicBoolean throttled = new AtomicBoolean();
            ExecutorService callers = Executors.newFixedThreadPool(8);
            long start = System.nanoTime();
            try {
                List<Future<?>> done = new ArrayList<>();
                for (int caller = 0; caller < 8; caller++) {
                    done.add(callers.submit(() -> {
                        while (!throttled.get() && calls.incrementAndGet() <= 1000) {
                            try {
                                call.run();
                                accepted.incrementAndGet();
                            } catch (EcsException e) {
                                assertEquals("ThrottlingException", e.awsErrorDetails().errorCode());
                                if (message != null) {
                                    assertEquals(message, e.awsErrorDetails().errorMessage());
                                }
                                throttled.set(true);
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> caller : done) {
                    caller.get();
                }
            } finally {
                callers.shutdownNow();
            }
            assertTrue(throttled.get(), "never throttled in 1,000 calls");
            return new Burst(accepted.get(), Math.min(calls.get(), 1000), (System.nanoTime() - start) / 1e9);
        }
    }

    @Test
    void answersACapacityFailureBeyondTheConcurrentTaskLimit() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(2).stuckFraction(1.0).build());
        ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).build());
        ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).build());

        RunTaskResponse third = ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).build());

        assertTrue(third.tasks().isEmpty());
        assertEquals(1, third.failures().size());
        assertTrue(third.failures().get(0).reason().contains("vCPUs"), third.failures().get(0).reason());
    }

    @Test
    void reportsANewTaskMissingForAShortWhile() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).missingWindow(Duration.ofMillis(400)).build());
        String arn = ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).build()).tasks().get(0).taskArn();

        var early = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arn));

        assertTrue(early.tasks().isEmpty());
        assertEquals("MISSING", early.failures().get(0).reason());
        assertEquals(arn, early.failures().get(0).arn());
        awaitTask(arn, task -> true);
    }

    @Test
    void forgetsStoppedTasksAfterTheRetentionPeriod() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).retention(Duration.ofMillis(200)).build());
        String arn = ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).build()).tasks().get(0).taskArn();
        awaitTask(arn, task -> "STOPPED".equals(task.lastStatus()));

        long deadline = System.currentTimeMillis() + 5_000;
        boolean forgotten = false;
        while (!forgotten && System.currentTimeMillis() < deadline) {
            forgotten = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arn)).failures().stream()
                    .anyMatch(failure -> "MISSING".equals(failure.reason()));
            sleep(50);
        }
        assertTrue(forgotten, "a stopped task is forgotten after the retention period");
    }

    @Test
    void aRepeatedClientTokenStartsNoSecondTask() {
        // Its task stays PROVISIONING: ListTasks lists running tasks, and a task of a fraction of a second could end
        // before it is asked on a loaded machine.
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).stuckFraction(1.0).build());
        Map<String, AttributeValue> bot = bot(DemoTable::hasKnowledge);
        RunTaskRequest request = embed(bot).startedBy("idem-run").clientToken("token-1").build();

        String first = ecs.runTask(request).tasks().get(0).taskArn();
        String second = ecs.runTask(request).tasks().get(0).taskArn();

        assertEquals(first, second);
        assertEquals(1, ecs.listTasks(b -> b.cluster(CLUSTER).startedBy("idem-run")).taskArns().size());
        ConflictException conflict = assertThrows(ConflictException.class,
                () -> ecs.runTask(request.toBuilder().startedBy("other-run").build()));
        assertEquals(List.of(first), conflict.resourceIds());
    }

    @Test
    void stopsAStuckTaskAsTheUserAsked() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).stuckFraction(1.0).build());
        String arn = ecs.runTask(request(List.of("-u", "embedding/main.py", "{}"))
                .tags(Tag.builder().key("k").value("v").build()).build()).tasks().get(0).taskArn();
        sleep(300);
        assertEquals("PROVISIONING", describe(arn).lastStatus(), "a stuck task never leaves PROVISIONING");

        Task stopping = ecs.stopTask(b -> b.cluster(CLUSTER).task(arn).reason("cancelled by admin")).task();
        assertEquals("STOPPED", stopping.desiredStatus());

        Task stopped = awaitTask(arn, task -> "STOPPED".equals(task.lastStatus()));
        assertEquals("UserInitiated", stopped.stopCodeAsString());
        assertEquals("cancelled by admin", stopped.stoppedReason());
        assertNull(stopped.containers().get(0).exitCode(), "the container never started");
        assertTrue(stopped.tags().isEmpty(), "StopTask deletes the task's tags");
    }

    @Test
    void stoppingARunningTaskKillsItAndLeavesTheBotRunning() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).timeScale(0.05).build());
        Map<String, AttributeValue> bot = bot(item -> DemoTable.hasKnowledge(item)
                && DemoTable.urls(item).stream().noneMatch(url -> url.contains("fail")));
        String arn = ecs.runTask(embed(bot).build()).tasks().get(0).taskArn();
        awaitItem(bot, item -> "RUNNING".equals(DemoTable.string(item, "SyncStatus")));

        ecs.stopTask(b -> b.cluster(CLUSTER).task(arn));
        Task stopped = awaitTask(arn, task -> "STOPPED".equals(task.lastStatus()));

        assertEquals(137, stopped.containers().get(0).exitCode());
        assertEquals("UserInitiated", stopped.stopCodeAsString());
        assertEquals("RUNNING", DemoTable.string(reread(bot), "SyncStatus"),
                "a killed container writes nothing: the bot stays RUNNING");
    }

    @Test
    void listsTasksByStartedByAndDesiredStatusPageByPage() {
        emulator.reset(defaults.toBuilder().maxConcurrentTasks(0).stuckFraction(1.0).build());
        for (int i = 0; i < 5; i++) {
            ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).startedBy("list-run").build());
        }
        ecs.runTask(request(List.of("-u", "embedding/main.py", "{}")).startedBy("someone-else").build());
        List<String> arns = new ArrayList<>();
        ecs.listTasksPaginator(b -> b.cluster(CLUSTER).startedBy("list-run").maxResults(2))
                .taskArns().forEach(arns::add);
        assertEquals(5, arns.size());

        ecs.stopTask(b -> b.cluster(CLUSTER).task(arns.get(0)));
        assertEquals(List.of(arns.get(0)), ecs.listTasks(b -> b.cluster(CLUSTER).startedBy("list-run")
                .desiredStatus(DesiredStatus.STOPPED)).taskArns());
        assertEquals(4, ecs.listTasks(b -> b.cluster(CLUSTER).startedBy("list-run")).taskArns().size());
    }

    @Test
    void describesTheTaskDefinitionAndTheCluster() {
        ContainerDefinition container = ecs.describeTaskDefinition(b -> b.taskDefinition(FAMILY))
                .taskDefinition().containerDefinitions().get(0);
        assertEquals("Container", container.name());
        assertEquals("awslogs", container.logConfiguration().logDriverAsString());
        assertEquals("embed-task", container.logConfiguration().options().get("awslogs-stream-prefix"));

        var clusters = ecs.describeClusters(b -> b.clusters(CLUSTER, "nope"));
        assertEquals(CLUSTER, clusters.clusters().get(0).clusterName());
        assertEquals("MISSING", clusters.failures().get(0).reason());
    }

    @Test
    void refusesBadRequestsWithTheRealErrorTypes() {
        assertThrows(ClusterNotFoundException.class,
                () -> ecs.runTask(request(List.of()).cluster("nope").build()));
        assertThrows(InvalidParameterException.class,
                () -> ecs.runTask(request(List.of()).networkConfiguration(b -> b.awsvpcConfiguration(a -> a.subnets(List.of()))).build()));
        InvalidParameterException unknownSubnet = assertThrows(InvalidParameterException.class,
                () -> ecs.runTask(request(List.of()).networkConfiguration(b -> b.awsvpcConfiguration(a -> a
                        .subnets(DemoAccount.MISSING_SUBNET).securityGroups(DemoAccount.SECURITY_GROUP))).build()));
        assertTrue(unknownSubnet.getMessage().contains("InvalidSubnetID.NotFound"), unknownSubnet.getMessage());
        InvalidParameterException unknownGroup = assertThrows(InvalidParameterException.class,
                () -> ecs.runTask(request(List.of()).networkConfiguration(b -> b.awsvpcConfiguration(a -> a
                        .subnets("subnet-0demo0000000000a").securityGroups("sg-0nope"))).build()));
        assertTrue(unknownGroup.getMessage().contains("InvalidGroup.NotFound"), unknownGroup.getMessage());
        InvalidParameterException wrongContainer = assertThrows(InvalidParameterException.class,
                () -> ecs.runTask(request(List.of()).overrides(o -> o.containerOverrides(c -> c.name("Other").command("x"))).build()));
        assertTrue(wrongContainer.getMessage().contains("not a container in the TaskDefinition"));
        assertThrows(InvalidParameterException.class,
                () -> ecs.runTask(request(List.of("-u", "embedding/main.py", "x".repeat(9000))).build()));
        EcsException unknownDefinition = assertThrows(EcsException.class,
                () -> ecs.runTask(request(List.of()).taskDefinition("other-family").build()));
        assertEquals("ClientException", unknownDefinition.awsErrorDetails().errorCode());
        List<String> tooMany = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            tooMany.add("task-" + i);
        }
        assertThrows(InvalidParameterException.class, () -> ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(tooMany)));
    }

    private RunTaskRequest.Builder embed(Map<String, AttributeValue> bot) {
        return request(List.of("-u", "embedding/main.py", keysJson(bot)));
    }

    private static RunTaskRequest.Builder request(List<String> command) {
        return RunTaskRequest.builder()
                .cluster(CLUSTER)
                .taskDefinition(FAMILY)
                .launchType(LaunchType.FARGATE)
                .networkConfiguration(b -> b.awsvpcConfiguration(a -> a.subnets("subnet-0demo0000000000a").securityGroups(DemoAccount.SECURITY_GROUP)
                        .assignPublicIp(AssignPublicIp.ENABLED)))
                .overrides(o -> o.containerOverrides(c -> c.name("Container").command(command)));
    }

    private static String keysJson(Map<String, AttributeValue> bot) {
        return "{\"PK\": {\"S\": \"" + bot.get("PK").s() + "\"}, \"SK\": {\"S\": \"" + bot.get("SK").s() + "\"}}";
    }

    private Map<String, AttributeValue> bot(Predicate<Map<String, AttributeValue>> wanted) {
        // Bots that were never synced stay so: the page tests count them.
        List<Map<String, AttributeValue>> bots = table.bots(wanted.and(item -> item.containsKey("SyncStatus")));
        assertFalse(bots.isEmpty(), "the demo data has such a bot");
        return bots.get(0);
    }

    private Map<String, AttributeValue> reread(Map<String, AttributeValue> bot) {
        return table.get(bot.get("PK").s(), bot.get("SK").s());
    }

    private Map<String, AttributeValue> awaitItem(Map<String, AttributeValue> bot,
            Predicate<Map<String, AttributeValue>> condition) {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            Map<String, AttributeValue> item = reread(bot);
            if (condition.test(item)) {
                return item;
            }
            sleep(20);
        }
        throw new AssertionError("the bot item never reached the expected state: " + reread(bot));
    }

    private Task describe(String arn) {
        var response = ecs.describeTasks(b -> b.cluster(CLUSTER).tasks(arn).include(TaskField.TAGS));
        return response.tasks().isEmpty() ? null : response.tasks().get(0);
    }

    private Task awaitTask(String arn, Predicate<Task> condition) {
        long deadline = System.currentTimeMillis() + 15_000;
        Task last = null;
        while (System.currentTimeMillis() < deadline) {
            last = describe(arn);
            if (last != null && condition.test(last)) {
                return last;
            }
            sleep(60);
        }
        throw new AssertionError("task " + arn + " never reached the expected state; last seen: " + last);
    }

    private EcsClient clientWithoutRetries() {
        return awsSettings.configure(EcsClient.builder(), config.aws().endpoints().ecs())
                .overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    }

    private static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    private static void assertOrdered(Instant... times) {
        for (int i = 0; i < times.length; i++) {
            assertNotNull(times[i], "timestamp " + i);
            if (i > 0) {
                assertFalse(times[i].isBefore(times[i - 1]), "timestamp " + i + " before " + (i - 1));
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
