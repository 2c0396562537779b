package io.reembed.local.ecs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reembed.config.ReembedConfig;
import io.reembed.local.demo.DemoEnvironment;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.DemoAccount;
import io.reembed.local.logs.LogsEmulator;
import io.reembed.local.ecs.EmulatedTask.Status;
import io.reembed.local.dynamodb.DemoDynamoDb;
import org.jboss.logging.Logger;
import io.reembed.local.EcsApiException;
import io.reembed.local.TokenBucket;

/**
 * An in-process stand-in for Amazon ECS on Fargate, for the demo mode and the tests: the
 * operations the console uses, the Fargate task lifecycle, and the limits and failure modes of
 * the real service (rate limits, capacity failures, eventual consistency, forgetting stopped
 * tasks), so that the launcher and tracker are written against reality.
 */
@ApplicationScoped
public class EcsEmulator {

    private static final Logger LOG = Logger.getLogger(EcsEmulator.class);
    static final String CAPACITY_REASON = "You've reached the limit on the number of vCPUs you can run concurrently";
    private static final int MAX_DESCRIBE = 100;
    private static final int MAX_OVERRIDE_LENGTH = 8192;
    private static final int MAX_STARTED_BY = 128;

    private final ReembedConfig config;
    private final DemoAccount account;
    private final LogsEmulator logs;
    private final Clock clock;
    private final ObjectMapper json;
    private final EmbeddingContainer container;
    private final Object lock = new Object();
    private final Map<String, EmulatedTask> tasks = new LinkedHashMap<>();
    private final Map<String, IdempotentCall> clientTokens = new LinkedHashMap<>();
    private final AtomicLong runTaskCalls = new AtomicLong();
    private EmulatorSettings settings;
    private TokenBucket runTaskBucket;
    private TokenBucket launchBucket;
    private TokenBucket describeBucket;
    private TokenBucket stopTaskBucket;
    private Random random;
    /** Its own stream, so that which tasks get stuck depends only on the order they are created in. */
    private Random stuckRandom;
    private Random idRandom;
    private long resets;
    private ScheduledExecutorService ticker;

    private record IdempotentCall(String fingerprint, List<String> taskArns) {
    }

    public EcsEmulator(ReembedConfig config, Clock clock, ObjectMapper json, DemoDynamoDb dynamo, DemoAccount account,
            LogsEmulator logs) {
        this.config = config;
        this.account = account;
        this.logs = logs;
        this.clock = clock;
        this.json = json;
        // The container writes the bot's SyncStatus as the real one does: through a client of its own.
        this.container = new EmbeddingContainer(dynamo::inProcessClient, DemoModeConfigSourceFactory.DEMO_TABLE, json);
    }

    void start(@Observes @Priority(DemoEnvironment.STARTUP_PRIORITY + 1) StartupEvent event) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        reset(EmulatorSettings.from(config.ecsEmulator()));
        ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ecs-emulator");
            thread.setDaemon(true);
            return thread;
        });
        long tickMillis = Math.max(1, settings.tick().toMillis());
        ticker.scheduleWithFixedDelay(this::tickSafely, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        LOG.infof("ECS emulator serves cluster %s and task definition %s at /local/ecs", settings.cluster(),
                settings.family());
    }

    void stop(@Observes ShutdownEvent event) {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    /** Forgets every task and applies new settings: for tests that need other limits. */
    public void reset(EmulatorSettings newSettings) {
        synchronized (lock) {
            settings = newSettings;
            tasks.clear();
            clientTokens.clear();
            long now = System.nanoTime();
            runTaskBucket = new TokenBucket(newSettings.runTaskRate(), newSettings.runTaskRate(), now);
            launchBucket = new TokenBucket(newSettings.launchBurst(), newSettings.launchRate(), now);
            describeBucket = new TokenBucket(newSettings.describeBurst(), newSettings.describeRate(), now);
            stopTaskBucket = new TokenBucket(newSettings.stopTaskRate(), newSettings.stopTaskRate(), now);
            random = new Random(newSettings.randomSeed());
            stuckRandom = new Random(newSettings.randomSeed() + 1);
            // Task ids never repeat, not even across resets: log streams are named after them.
            idRandom = new Random(newSettings.randomSeed() + 2 + 1_000_003L * ++resets);
            runTaskCalls.set(0);
        }
        container.forgetStarts();
    }

    /**
     * Changes how many tasks the account runs at once, keeping every task: as when another team's tasks
     * take part of it after the console read the quota.
     */
    public void changeCapacity(int maxConcurrentTasks) {
        synchronized (lock) {
            settings = settings.toBuilder().maxConcurrentTasks(maxConcurrentTasks).build();
        }
    }

    /**
     * Fargate On-Demand vCPUs of the emulated account: as many as it runs tasks of one vCPU at once
     * (4,000, AWS's usual default, when unlimited). Follows {@link #reset} and {@link #changeCapacity}.
     */
    public double fargateVcpuQuota() {
        synchronized (lock) {
            int tasks = settings.maxConcurrentTasks();
            return tasks <= 0 ? 4000 : tasks;
        }
    }

    /** RunTask calls answered since the last reset (throttled ones included). */
    public long runTaskCalls() {
        return runTaskCalls.get();
    }

    /** Answers one call of the ECS JSON protocol; throws {@link EcsApiException} for an error answer. */
    public ObjectNode handle(String operation, JsonNode request) {
        return switch (operation) {
            case "RunTask" -> runTask(request);
            case "DescribeTasks" -> describeTasks(request);
            case "ListTasks" -> listTasks(request);
            case "StopTask" -> stopTask(request);
            case "DescribeTaskDefinition" -> describeTaskDefinition(request);
            case "DescribeClusters" -> describeClusters(request);
            default -> throw new EcsApiException("UnknownOperationException",
                    "The operation " + operation + " is not supported by this emulator.");
        };
    }

    private ObjectNode runTask(JsonNode request) {
        runTaskCalls.incrementAndGet();
        Instant now = clock.instant();
        synchronized (lock) {
            if (!runTaskBucket.tryTake(System.nanoTime())) {
                throw EcsApiException.throttled();
            }
            String clusterArn = clusterArn(request.path("cluster").asText("default"));
            String taskDefinitionArn = taskDefinitionArn(request.path("taskDefinition").asText(null));
            if (!account.taskDefinitionActive()) {
                throw EcsApiException.client("TaskDefinition is inactive");
            }
            validateNetwork(request);
            JsonNode overrides = request.path("overrides");
            List<String> command = containerCommand(overrides);
            String startedBy = request.path("startedBy").asText(null);
            if (startedBy != null && startedBy.length() > MAX_STARTED_BY) {
                throw EcsApiException.invalidParameter("startedBy must be at most 128 characters.");
            }
            int count = request.path("count").asInt(1);
            if (count < 1 || count > 10) {
                throw EcsApiException.invalidParameter("count must be between 1 and 10.");
            }
            String clientToken = request.path("clientToken").asText(null);
            String fingerprint = fingerprint(request);
            if (clientToken != null) {
                IdempotentCall earlier = clientTokens.get(clientToken);
                if (earlier != null) {
                    if (!earlier.fingerprint().equals(fingerprint)) {
                        throw new EcsApiException("ConflictException",
                                "The specified client token has already been used with different parameters.", 400,
                                earlier.taskArns());
                    }
                    return runTaskResponse(earlier.taskArns().stream().map(tasks::get)
                            .filter(task -> task != null).toList(), List.of());
                }
            }
            List<EmulatedTask> started = new ArrayList<>();
            List<ObjectNode> failures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                if (settings.maxConcurrentTasks() > 0 && activeTasks() >= settings.maxConcurrentTasks()) {
                    failures.add(failure(null, CAPACITY_REASON));
                    continue;
                }
                if (!launchBucket.tryTake(System.nanoTime())) {
                    throw EcsApiException.throttled();
                }
                EmulatedTask task = newTask(request, clusterArn, taskDefinitionArn, command, startedBy, now);
                tasks.put(task.arn, task);
                started.add(task);
            }
            if (clientToken != null && !started.isEmpty()) {
                clientTokens.put(clientToken, new IdempotentCall(fingerprint,
                        started.stream().map(task -> task.arn).toList()));
            }
            return runTaskResponse(started, failures);
        }
    }

    private EmulatedTask newTask(JsonNode request, String clusterArn, String taskDefinitionArn, List<String> command,
            String startedBy, Instant now) {
        byte[] idBytes = new byte[16];
        idRandom.nextBytes(idBytes);
        String id = HexFormat.of().formatHex(idBytes);
        String arn = "arn:aws:ecs:" + settings.region() + ":" + settings.account() + ":task/" + settings.cluster() + "/" + id;
        String group = request.path("group").asText("family:" + settings.family());
        boolean stuck = stuckRandom.nextDouble() < settings.stuckFraction();
        EmulatedTask task = new EmulatedTask(id, arn, clusterArn, taskDefinitionArn, settings.containerName(), group,
                startedBy, request.path("overrides").isMissingNode() ? null : request.get("overrides"), command, now,
                stuck);
        for (JsonNode tag : request.path("tags")) {
            task.tags.add(Map.entry(tag.path("key").asText(), tag.path("value").asText()));
        }
        task.nextAt = now.plus(settings.scaled(6));
        return task;
    }

    private ObjectNode describeTasks(JsonNode request) {
        Instant now = clock.instant();
        synchronized (lock) {
            takeDescribeToken();
            clusterArn(request.path("cluster").asText("default"));
            JsonNode ids = request.path("tasks");
            if (!ids.isArray() || ids.isEmpty()) {
                throw EcsApiException.invalidParameter("Tasks cannot be empty.");
            }
            if (ids.size() > MAX_DESCRIBE) {
                throw EcsApiException.invalidParameter("Too many tasks were specified (maximum is 100).");
            }
            boolean withTags = false;
            for (JsonNode include : request.path("include")) {
                withTags |= "TAGS".equals(include.asText());
            }
            ObjectNode response = json.createObjectNode();
            ArrayNode found = response.putArray("tasks");
            ArrayNode failures = response.putArray("failures");
            for (JsonNode idNode : ids) {
                String ref = idNode.asText();
                EmulatedTask task = find(ref);
                if (task == null || now.isBefore(task.createdAt.plus(settings.missingWindow()))) {
                    failures.add(failure(ref.startsWith("arn:") ? ref : taskArn(ref), "MISSING"));
                } else {
                    found.add(EcsJson.task(json, task, withTags, settings));
                }
            }
            return response;
        }
    }

    private ObjectNode listTasks(JsonNode request) {
        synchronized (lock) {
            takeDescribeToken();
            String clusterArn = clusterArn(request.path("cluster").asText("default"));
            String startedBy = request.path("startedBy").asText(null);
            String family = request.path("family").asText(null);
            String desired = request.path("desiredStatus").asText("RUNNING");
            int max = request.path("maxResults").asInt(100);
            if (max < 1 || max > 100) {
                throw EcsApiException.invalidParameter("maxResults must be between 1 and 100.");
            }
            int offset = 0;
            if (request.hasNonNull("nextToken")) {
                try {
                    offset = Integer.parseInt(request.get("nextToken").asText());
                } catch (NumberFormatException e) {
                    throw EcsApiException.invalidParameter("Invalid nextToken.");
                }
            }
            List<String> matching = tasks.values().stream()
                    .filter(task -> task.clusterArn.equals(clusterArn))
                    .filter(task -> startedBy == null || startedBy.equals(task.startedBy))
                    .filter(task -> family == null || task.taskDefinitionArn.contains("/" + family + ":"))
                    .filter(task -> desired.equals(task.desiredStatus))
                    .map(task -> task.arn).toList();
            ObjectNode response = json.createObjectNode();
            ArrayNode arns = response.putArray("taskArns");
            matching.subList(Math.min(offset, matching.size()), Math.min(matching.size(), offset + max)).forEach(arns::add);
            if (offset + max < matching.size()) {
                response.put("nextToken", Integer.toString(offset + max));
            }
            return response;
        }
    }

    private ObjectNode stopTask(JsonNode request) {
        Instant now = clock.instant();
        synchronized (lock) {
            if (!stopTaskBucket.tryTake(System.nanoTime())) {
                throw EcsApiException.throttled();
            }
            clusterArn(request.path("cluster").asText("default"));
            String ref = request.path("task").asText(null);
            EmulatedTask task = ref == null ? null : find(ref);
            if (task == null) {
                throw EcsApiException.invalidParameter("The referenced task was not found.");
            }
            if (!task.stopRequested && task.lastStatus.compareTo(Status.DEACTIVATING) < 0) {
                task.stopRequested = true;
                task.desiredStatus = "STOPPED";
                task.stopCode = "UserInitiated";
                task.stoppedReason = request.path("reason").asText("Task stopped by user");
                task.stoppingAt = now;
                // StopTask deletes the task's tags.
                task.tags.clear();
                if (task.lastStatus == Status.RUNNING) {
                    // SIGTERM, then SIGKILL after 30 seconds: exit code 137, and the script writes nothing.
                    task.outcome = new EmbeddingContainer.Outcome(0, 137, null, null, null);
                    task.nextAt = now.plus(settings.scaled(30));
                } else {
                    task.lastStatus = Status.STOPPING;
                    task.nextAt = now.plus(settings.scaled(2));
                }
            }
            ObjectNode response = json.createObjectNode();
            response.set("task", EcsJson.task(json, task, false, settings));
            return response;
        }
    }

    private ObjectNode describeTaskDefinition(JsonNode request) {
        String arn = taskDefinitionArn(request.path("taskDefinition").asText(null));
        ObjectNode response = json.createObjectNode();
        response.set("taskDefinition", EcsJson.taskDefinition(json, arn, settings, account.taskDefinitionActive()));
        return response;
    }

    private ObjectNode describeClusters(JsonNode request) {
        ObjectNode response = json.createObjectNode();
        ArrayNode clusters = response.putArray("clusters");
        ArrayNode failures = response.putArray("failures");
        JsonNode names = request.path("clusters");
        List<String> wanted = new ArrayList<>();
        names.forEach(name -> wanted.add(name.asText()));
        if (wanted.isEmpty()) {
            wanted.add("default");
        }
        synchronized (lock) {
            for (String name : wanted) {
                if (isOurCluster(name)) {
                    clusters.add(EcsJson.cluster(json, settings, count(Status.RUNNING), activeTasks() - count(Status.RUNNING)));
                } else {
                    failures.add(failure(name.startsWith("arn:") ? name : clusterArnOf(name), "MISSING"));
                }
            }
        }
        return response;
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.warn("ECS emulator tick failed", e);
        }
    }

    /**
     * Moves every task on whose next step is due; container I/O happens outside the lock. A container
     * writes its result (table, log) before its task leaves RUNNING, as the real script writes before
     * it exits: nobody can see the task stop before the bot's SyncStatus says how it ended.
     */
    void tick() {
        Instant now = clock.instant();
        List<EmulatedTask> starting = new ArrayList<>();
        List<EmulatedTask> finishing = new ArrayList<>();
        synchronized (lock) {
            tasks.values().removeIf(task -> task.stopped()
                    && task.stoppedAt.plus(settings.retention()).isBefore(now));
            for (EmulatedTask task : tasks.values()) {
                while (!task.stopped() && task.nextAt != null && !now.isBefore(task.nextAt)) {
                    if (task.lastStatus == Status.PROVISIONING && task.stuck && !task.stopRequested) {
                        break;
                    }
                    if (task.lastStatus == Status.RUNNING && !task.resultWritten) {
                        // Written outside the lock below; the task moves on at the next tick.
                        finishing.add(task);
                        break;
                    }
                    advance(task, now, starting);
                }
            }
        }
        for (EmulatedTask task : starting) {
            EmbeddingContainer.Outcome outcome;
            double failureRate;
            Random taskRandom;
            synchronized (lock) {
                failureRate = settings.failureRate();
                taskRandom = new Random(random.nextLong());
            }
            try {
                outcome = container.start(task.id, task.command, failureRate, taskRandom, log(task));
            } catch (RuntimeException e) {
                outcome = new EmbeddingContainer.Outcome(1, 1, null, null, "CannotReachDatabase: " + e.getMessage());
            }
            synchronized (lock) {
                if (task.outcome == null && outcome.startFailure() != null) {
                    failToStart(task, outcome, now);
                } else if (task.outcome == null) {
                    task.outcome = outcome;
                    task.nextAt = now.plus(settings.scaled(outcome.seconds()));
                }
            }
        }
        for (EmulatedTask task : finishing) {
            EmbeddingContainer.Outcome outcome;
            synchronized (lock) {
                outcome = task.outcome;
            }
            try {
                container.finish(task.id, task.command, outcome, log(task));
            } catch (RuntimeException e) {
                LOG.warnf("Emulated task %s could not write its result: %s", task.id, e.getMessage());
            }
            synchronized (lock) {
                task.resultWritten = true;
            }
        }
    }

    /** The container never ran: the task stops as Fargate stops one whose resources could not be set up. */
    private void failToStart(EmulatedTask task, EmbeddingContainer.Outcome outcome, Instant now) {
        task.outcome = outcome;
        task.resultWritten = true;
        task.startedAt = null;
        task.stopCode = "TaskFailedToStart";
        task.stoppedReason = outcome.startFailure();
        task.desiredStatus = "STOPPED";
        task.stoppingAt = now;
        task.lastStatus = Status.STOPPING;
        task.nextAt = now.plus(settings.scaled(2));
    }

    /** The task's awslogs stream: group and prefix as its task definition says (EcsJson), lines readable after a delay. */
    private EmbeddingContainer.Log log(EmulatedTask task) {
        String group = EcsJson.logGroup(settings);
        String stream = EcsJson.LOG_STREAM_PREFIX + "/" + settings.containerName() + "/" + task.id;
        Duration delay = settings.scaled(config.ecsEmulator().logsIngestionDelay().toMillis() / 1000.0);
        return message -> {
            Instant at = clock.instant();
            logs.append(group, stream, at, at.plus(delay), message);
        };
    }

    private void advance(EmulatedTask task, Instant now, List<EmulatedTask> starting) {
        Instant at = task.nextAt;
        switch (task.lastStatus) {
            case PROVISIONING -> {
                task.lastStatus = Status.PENDING;
                task.pullStartedAt = at;
                task.nextAt = at.plus(settings.scaled(8));
            }
            case PENDING -> {
                task.lastStatus = Status.ACTIVATING;
                task.pullStoppedAt = at;
                task.nextAt = at.plus(settings.scaled(3));
            }
            case ACTIVATING -> {
                task.lastStatus = Status.RUNNING;
                task.startedAt = at;
                task.nextAt = null;
                starting.add(task);
            }
            case RUNNING -> {
                EmbeddingContainer.Outcome outcome = task.outcome;
                task.exitCode = outcome.exitCode();
                task.containerReason = outcome.containerReason();
                task.executionStoppedAt = at;
                if (task.stoppingAt == null) {
                    task.stoppingAt = at;
                }
                if (task.stopCode == null) {
                    task.stopCode = "EssentialContainerExited";
                    task.stoppedReason = "Essential container in task exited";
                }
                task.desiredStatus = "STOPPED";
                task.lastStatus = Status.DEACTIVATING;
                task.nextAt = at.plus(settings.scaled(2));
            }
            case DEACTIVATING -> {
                task.lastStatus = Status.STOPPING;
                task.nextAt = at.plus(settings.scaled(2));
            }
            case STOPPING -> {
                task.lastStatus = Status.DEPROVISIONING;
                task.nextAt = at.plus(settings.scaled(4));
            }
            case DEPROVISIONING -> {
                task.lastStatus = Status.STOPPED;
                task.stoppedAt = at;
                if (task.executionStoppedAt == null) {
                    task.executionStoppedAt = at;
                }
                task.nextAt = null;
            }
            case STOPPED -> task.nextAt = null;
        }
    }

    private void takeDescribeToken() {
        if (!describeBucket.tryTake(System.nanoTime())) {
            throw EcsApiException.throttled();
        }
    }

    private int activeTasks() {
        return (int) tasks.values().stream().filter(task -> !task.stopped()).count();
    }

    private int count(Status status) {
        return (int) tasks.values().stream().filter(task -> task.lastStatus == status).count();
    }

    private EmulatedTask find(String ref) {
        EmulatedTask task = tasks.get(ref);
        return task != null ? task : tasks.get(taskArn(ref));
    }

    private String taskArn(String id) {
        return "arn:aws:ecs:" + settings.region() + ":" + settings.account() + ":task/" + settings.cluster() + "/" + id;
    }

    private boolean isOurCluster(String ref) {
        return settings.cluster().equals(ref) || clusterArnOf(settings.cluster()).equals(ref);
    }

    private String clusterArnOf(String name) {
        return "arn:aws:ecs:" + settings.region() + ":" + settings.account() + ":cluster/" + name;
    }

    private String clusterArn(String ref) {
        if (!isOurCluster(ref)) {
            throw EcsApiException.clusterNotFound();
        }
        return clusterArnOf(settings.cluster());
    }

    private String taskDefinitionArn(String ref) {
        if (ref == null || ref.isBlank()) {
            throw EcsApiException.invalidParameter("taskDefinition can not be blank.");
        }
        String family = settings.family();
        String arn = "arn:aws:ecs:" + settings.region() + ":" + settings.account() + ":task-definition/" + family + ":1";
        if (ref.equals(family) || ref.equals(family + ":1") || ref.equals(arn)) {
            return arn;
        }
        throw EcsApiException.client("Unable to describe task definition.");
    }

    private void validateNetwork(JsonNode request) {
        if (!"FARGATE".equals(request.path("launchType").asText("FARGATE"))) {
            throw EcsApiException.invalidParameter("This emulator runs FARGATE tasks only.");
        }
        JsonNode awsvpc = request.path("networkConfiguration").path("awsvpcConfiguration");
        if (!awsvpc.path("subnets").isArray() || awsvpc.path("subnets").isEmpty()) {
            throw EcsApiException.invalidParameter(
                    "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        }
        for (JsonNode subnet : awsvpc.path("subnets")) {
            if (!account.subnetExists(subnet.asText())) {
                throw EcsApiException.invalidParameter("Error retrieving subnet information for [" + subnet.asText()
                        + "]: The subnet ID '" + subnet.asText() + "' does not exist (ErrorCode: InvalidSubnetID.NotFound)");
            }
        }
        for (JsonNode group : awsvpc.path("securityGroups")) {
            if (!account.securityGroupExists(group.asText())) {
                throw EcsApiException.invalidParameter("Error retrieving security group information for ["
                        + group.asText() + "]: The security group '" + group.asText()
                        + "' does not exist (ErrorCode: InvalidGroup.NotFound)");
            }
        }
    }

    private List<String> containerCommand(JsonNode overrides) {
        if (overrides.isMissingNode() || overrides.isNull()) {
            return null;
        }
        if (overrides.toString().length() > MAX_OVERRIDE_LENGTH) {
            throw EcsApiException.invalidParameter("Container Overrides length must be at most 8192");
        }
        List<String> command = null;
        for (JsonNode override : overrides.path("containerOverrides")) {
            String name = override.path("name").asText(null);
            if (!settings.containerName().equals(name)) {
                throw EcsApiException.invalidParameter(
                        "Override for container named " + name + " is not a container in the TaskDefinition.");
            }
            if (override.has("command")) {
                command = new ArrayList<>();
                for (JsonNode part : override.get("command")) {
                    command.add(part.asText());
                }
            }
        }
        return command;
    }

    private ObjectNode runTaskResponse(List<EmulatedTask> started, List<ObjectNode> failures) {
        ObjectNode response = json.createObjectNode();
        ArrayNode taskArray = response.putArray("tasks");
        started.forEach(task -> taskArray.add(EcsJson.task(json, task, true, settings)));
        response.putArray("failures").addAll(failures);
        return response;
    }

    private ObjectNode failure(String arn, String reason) {
        ObjectNode failure = json.createObjectNode();
        if (arn != null) {
            failure.put("arn", arn);
        }
        failure.put("reason", reason);
        return failure;
    }

    /** The request without its client token, in a canonical form: equal parameters, equal text. */
    private String fingerprint(JsonNode request) {
        ObjectNode copy = request.deepCopy();
        copy.remove("clientToken");
        try {
            return json.copy().configure(com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
                    .writeValueAsString(json.treeToValue(copy, Object.class));
        } catch (Exception e) {
            return copy.toString();
        }
    }
}
