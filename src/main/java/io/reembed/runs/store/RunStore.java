package io.reembed.runs.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import io.reembed.runs.Attempt;
import io.reembed.aws.TableWriter;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.BotState;
import io.reembed.runs.EcsLaunchSettings;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.Steering;
import io.reembed.bots.BotKey;
import io.reembed.runs.engine.EngineLimits;
import io.reembed.runs.engine.EngineRequest;
import io.reembed.runs.engine.Lease;
import io.reembed.runs.engine.StaleStateException;
import io.reembed.runs.engine.RunRepository;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Runs, kept in the console's own DynamoDB table: ECS forgets stopped tasks within an hour, so
 * whatever must be remembered is written here. One partition lists the runs; each run has a
 * partition of its bots.
 */
@ApplicationScoped
public class RunStore implements RunRepository {

    private static final Logger LOG = Logger.getLogger(RunStore.class);
    private static final String RUNS_PARTITION = "RUNS";
    private static final String REQUESTS_PARTITION = "REQUESTS";
    private static final int TRANSACTION = 100;
    private static final java.time.Duration LEASE_RELEASE_TIMEOUT = java.time.Duration.ofMillis(500);
    private static final Map<String, AttributeValue> LEASE_KEY = Map.of("PK", AttributeValue.fromS("ENGINE"),
            "SK", AttributeValue.fromS("LEASE"));
    /** The global limits an operator set, one item beside the runs. */
    private static final Map<String, AttributeValue> LIMITS_KEY = Map.of("PK", AttributeValue.fromS("ENGINE"),
            "SK", AttributeValue.fromS("LIMITS"));

    private final DynamoDbClient dynamo;
    private final String table;
    /** The version of each bot item this copy last read or wrote, by run. */
    private final Map<String, Map<BotKey, Long>> versions = new ConcurrentHashMap<>();
    /** How many of each run's audit events are stored as items, as this copy last wrote or read them. */
    private final Map<String, Integer> auditStored = new ConcurrentHashMap<>();

    public RunStore(DynamoDbClient dynamo, ReembedConfig config) {
        this.dynamo = dynamo;
        this.table = config.runs().tableName();
    }

    @Override
    public String location() {
        return "DynamoDB table " + table;
    }

    @Override
    public void createTableIfMissing() {
        try {
            dynamo.describeTable(b -> b.tableName(table));
        } catch (ResourceNotFoundException e) {
            dynamo.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                    .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build(),
                            KeySchemaElement.builder().attributeName("SK").keyType(KeyType.RANGE).build())
                    .attributeDefinitions(
                            AttributeDefinition.builder().attributeName("PK").attributeType(ScalarAttributeType.S).build(),
                            AttributeDefinition.builder().attributeName("SK").attributeType(ScalarAttributeType.S).build()));
            dynamo.waiter().waitUntilTableExists(b -> b.tableName(table));
        }
    }

    /**
     * The run's item, and each audit event not yet stored as an item of its own (partition
     * {@code AUDIT#<run>}): the run's item stays the same size however many times a run is steered,
     * so a pause or a cancel can always be written.
     */
    @Override
    public void saveRun(Run run) {
        int stored = auditStored.computeIfAbsent(run.id(), this::storedAuditCount);
        List<AuditEvent> audit = run.audit();
        if (audit.size() > stored) {
            List<Map<String, AttributeValue>> events = new ArrayList<>();
            for (int index = stored; index < audit.size(); index++) {
                events.add(RunItems.auditEvent(auditPartition(run.id()), index, audit.get(index)));
            }
            TableWriter.putAll(dynamo, table, events);
        }
        dynamo.putItem(b -> b.tableName(table).item(RunItems.run(RUNS_PARTITION, run)));
        auditStored.put(run.id(), Math.max(stored, audit.size()));
    }

    /** How many of a run's audit events are stored as items: 0 for a new run, or one written before they were. */
    private int storedAuditCount(String runId) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(RUNS_PARTITION), "SK", AttributeValue.fromS(runId)))
                .projectionExpression("auditCount")).item();
        return item != null && item.containsKey("auditCount") ? Integer.parseInt(item.get("auditCount").n()) : 0;
    }

    /** A run with its whole audit trail: the events stored as items, after any an older version kept in the run's item. */
    private Run withAudit(Run run) {
        List<AuditEvent> audit = new ArrayList<>(run.audit());
        QueryRequest query = QueryRequest.builder().tableName(table).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(auditPartition(run.id()))))
                .consistentRead(true).build();
        int stored = 0;
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(query).items()) {
            audit.add(RunItems.toAuditEvent(item));
            stored++;
        }
        // Events of an old inline list were never stored as items: the next save stores them all.
        auditStored.put(run.id(), run.audit().isEmpty() ? stored : 0);
        return new Run(run.id(), run.createdAt(), run.createdBy(), run.ecs(), run.state(), run.cancelRequested(),
                run.total(), List.copyOf(audit), run.finishedAt(), run.selection(), run.tally(), run.steering());
    }

    private static String auditPartition(String runId) {
        return "AUDIT#" + runId;
    }

    /**
     * Each bot write is conditional on the version of the item this copy last read or wrote, so a
     * copy that lost the lease cannot overwrite what the copy that took it wrote since.
     */
    @Override
    public void saveBot(String runId, RunBot bot) {
        Put put = versionedPut(runId, bot);
        try {
            dynamo.putItem(b -> b.tableName(table).item(put.item()).conditionExpression(put.condition())
                    .expressionAttributeValues(put.values().isEmpty() ? null : put.values()));
        } catch (ConditionalCheckFailedException e) {
            throw stale(runId, bot);
        }
        versionsOf(runId).put(bot.key(), put.version());
    }

    /** As {@link #saveBot}, in transactions of 100 bots: all of a transaction or none, each conditional. */
    @Override
    public void saveBots(String runId, List<RunBot> bots) {
        for (int from = 0; from < bots.size(); from += TRANSACTION) {
            List<RunBot> chunk = bots.subList(from, Math.min(bots.size(), from + TRANSACTION));
            List<Put> puts = chunk.stream().map(bot -> versionedPut(runId, bot)).toList();
            List<TransactWriteItem> writes = puts.stream().map(put -> TransactWriteItem.builder()
                    .put(p -> p.tableName(table).item(put.item()).conditionExpression(put.condition())
                            .expressionAttributeValues(put.values().isEmpty() ? null : put.values()))
                    .build()).toList();
            try {
                dynamo.transactWriteItems(b -> b.transactItems(writes));
            } catch (TransactionCanceledException e) {
                boolean conditionFailed = e.cancellationReasons().stream()
                        .anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()));
                if (conditionFailed) {
                    throw stale(runId, chunk.get(0));
                }
                throw e;
            }
            for (int i = 0; i < chunk.size(); i++) {
                versionsOf(runId).put(chunk.get(i).key(), puts.get(i).version());
            }
        }
    }

    private record Put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values,
            long version) {
    }

    private Put versionedPut(String runId, RunBot bot) {
        Long read = versionsOf(runId).get(bot.key());
        long next = read == null ? 1 : read + 1;
        Map<String, AttributeValue> item = new HashMap<>(RunItems.bot(botPartition(runId), bot));
        item.put("version", AttributeValue.fromN(Long.toString(next)));
        if (read == null) {
            return new Put(item, "attribute_not_exists(PK)", Map.of(), next);
        }
        // Items written before versions were kept have none: version 0.
        String condition = read == 0 ? "attribute_not_exists(version) OR version = :read" : "version = :read";
        return new Put(item, condition, Map.of(":read", AttributeValue.fromN(Long.toString(read))), next);
    }

    private Map<BotKey, Long> versionsOf(String runId) {
        return versions.computeIfAbsent(runId, id -> new ConcurrentHashMap<>());
    }

    private static StaleStateException stale(String runId, RunBot bot) {
        return new StaleStateException("Bot " + bot.botId() + " of run " + runId + " was written by another copy "
                + "since this one read it: another copy drives runs now");
    }

    @Override
    public boolean takeLease(String holder, Instant now, Instant until) {
        try {
            dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", LEASE_KEY.get("PK"), "SK", LEASE_KEY.get("SK"),
                    "holder", AttributeValue.fromS(holder),
                    "expiresAt", AttributeValue.fromN(Long.toString(until.toEpochMilli()))))
                    .conditionExpression("attribute_not_exists(PK) OR holder = :me OR expiresAt < :now")
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(holder),
                            ":now", AttributeValue.fromN(Long.toString(now.toEpochMilli())))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<Lease> lease() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true).key(LEASE_KEY))
                .item();
        if (item == null || !item.containsKey("holder")) {
            return Optional.empty();
        }
        return Optional.of(new Lease(item.get("holder").s(),
                Instant.ofEpochMilli(Long.parseLong(item.get("expiresAt").n()))));
    }

    @Override
    public void releaseLease(String holder) {
        try {
            // At shutdown: a lease not given up runs out by itself, so no long retries (in the demo the
            // table is served on the console's own port, already closed by then).
            dynamo.deleteItem(b -> b.tableName(table).key(LEASE_KEY).conditionExpression("holder = :me")
                    .expressionAttributeValues(Map.of(":me", AttributeValue.fromS(holder)))
                    .overrideConfiguration(o -> o.apiCallTimeout(LEASE_RELEASE_TIMEOUT)));
        } catch (ConditionalCheckFailedException e) {
            // Another copy holds it already.
        }
    }

    @Override
    public void saveRequest(EngineRequest request) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS(REQUESTS_PARTITION));
        item.put("SK", AttributeValue.fromS(request.id()));
        item.put("at", AttributeValue.fromS(request.at().toString()));
        item.put("who", AttributeValue.fromS(request.who()));
        item.put("action", AttributeValue.fromS(request.action()));
        if (request.runId() != null) {
            item.put("runId", AttributeValue.fromS(request.runId()));
        }
        item.put("arguments", strings(request.arguments()));
        if (request.outcome() != null) {
            item.put("outcome", strings(request.outcome()));
        }
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public List<EngineRequest> requests() {
        QueryRequest request = QueryRequest.builder().tableName(table).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(REQUESTS_PARTITION)))
                .consistentRead(true).build();
        return dynamo.queryPaginator(request).items().stream().map(RunStore::readableRequest).toList();
    }

    /** A request item as stored, or, when a field is missing or of another type, one marked unreadable. */
    private static EngineRequest readableRequest(Map<String, AttributeValue> item) {
        try {
            return toRequest(item);
        } catch (RuntimeException e) {
            String id = item.containsKey("SK") && item.get("SK").s() != null ? item.get("SK").s() : "?";
            return EngineRequest.malformed(id, String.valueOf(e.getMessage()));
        }
    }

    @Override
    public Optional<EngineRequest> findRequest(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(REQUESTS_PARTITION), "SK", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toRequest(item));
    }

    @Override
    public void deleteRequest(String id) {
        dynamo.deleteItem(b -> b.tableName(table)
                .key(Map.of("PK", AttributeValue.fromS(REQUESTS_PARTITION), "SK", AttributeValue.fromS(id))));
    }

    private static EngineRequest toRequest(Map<String, AttributeValue> item) {
        return new EngineRequest(item.get("SK").s(), Instant.parse(item.get("at").s()), item.get("who").s(),
                item.get("action").s(), item.containsKey("runId") ? item.get("runId").s() : null,
                strings(item.get("arguments")), item.containsKey("outcome") ? strings(item.get("outcome")) : null);
    }

    private static AttributeValue strings(Map<String, String> values) {
        Map<String, AttributeValue> map = new HashMap<>();
        values.forEach((key, value) -> map.put(key, AttributeValue.fromS(value)));
        return AttributeValue.fromM(map);
    }

    private static Map<String, String> strings(AttributeValue value) {
        Map<String, String> map = new HashMap<>();
        if (value != null && value.hasM()) {
            value.m().forEach((key, entry) -> map.put(key, entry.s()));
        }
        return map;
    }

    /** The run with its whole audit trail. */
    @Override
    public Optional<Run> findRun(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(RUNS_PARTITION), "SK", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(withAudit(RunItems.toRun(item)));
    }

    @Override
    public Optional<EngineLimits> loadLimits() {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(LIMITS_KEY)).item();
        if (item == null || item.isEmpty() || !item.containsKey("runTaskRate") || !item.containsKey("maxInFlight")) {
            return Optional.empty();
        }
        try {
            double rate = Double.parseDouble(item.get("runTaskRate").n());
            int inFlight = Integer.parseInt(item.get("maxInFlight").n());
            Optional<String> problem = EngineLimits.problem(rate, inFlight);
            if (problem.isPresent()) {
                LOG.warnf("The stored limits are out of range and not used (the configured ones are): %s", problem.get());
                return Optional.empty();
            }
            return Optional.of(new EngineLimits(rate, inFlight, RunItems.time(item, "changedAt"),
                    RunItems.str(item, "changedBy")));
        } catch (RuntimeException e) {
            LOG.warnf("The stored limits cannot be read and are not used (the configured ones are): %s", e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void saveLimits(EngineLimits limits) {
        Map<String, AttributeValue> item = new HashMap<>(LIMITS_KEY);
        item.put("runTaskRate", AttributeValue.fromN(String.valueOf(limits.runTaskRate())));
        item.put("maxInFlight", AttributeValue.fromN(String.valueOf(limits.maxInFlight())));
        item.put("changedAt", AttributeValue.fromS(limits.changedAt().toString()));
        item.put("changedBy", AttributeValue.fromS(limits.changedBy()));
        dynamo.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public void clearLimits() {
        dynamo.deleteItem(b -> b.tableName(table).key(LIMITS_KEY));
    }

    /** Runs, newest first (run ids sort by creation time), without their audit trails ({@link #findRun} has it). */
    @Override
    public List<Run> listRuns(int limit) {
        List<Run> runs = new ArrayList<>();
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(RUNS_PARTITION)))
                .scanIndexForward(false).consistentRead(true).build();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(request).items()) {
            runs.add(RunItems.toRun(item));
            if (runs.size() >= limit) {
                break;
            }
        }
        return runs;
    }

    @Override
    public List<RunBot> loadBots(String runId) {
        List<RunBot> bots = new ArrayList<>();
        Map<BotKey, Long> known = versionsOf(runId);
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(botsQuery(runId)).items()) {
            RunBot bot = RunItems.toBot(item);
            bots.add(bot);
            // What this copy now acts on; a read never lowers what it wrote itself.
            known.merge(bot.key(), item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0L, Math::max);
        }
        return bots;
    }

    /** The run's bots page by page as DynamoDB returns them, for reading only: one page of items in memory at a time. */
    public Stream<RunBot> streamBots(String runId) {
        return dynamo.queryPaginator(botsQuery(runId)).items().stream().map(RunItems::toBot);
    }

    private QueryRequest botsQuery(String runId) {
        return QueryRequest.builder().tableName(table).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(botPartition(runId))))
                .consistentRead(true).build();
    }

    private static String botPartition(String runId) {
        return "RUN#" + runId;
    }

    /** Maps runs and bots to items and back; absent values are left out of the item. */
    static final class RunItems {

        private RunItems() {
        }

        static Map<String, AttributeValue> run(String partition, Run run) {
            Item item = new Item().s("PK", partition).s("SK", run.id()).s("id", run.id())
                    .time("createdAt", run.createdAt()).s("createdBy", run.createdBy())
                    .s("state", run.state().name()).bool("cancelRequested", run.cancelRequested())
                    .n("total", run.total()).time("finishedAt", run.finishedAt()).s("selection", run.selection());
            RunTally tally = run.tally();
            item.values.put("tally", AttributeValue.fromM(new Item().n("succeeded", tally.succeeded())
                    .n("failed", tally.failed()).n("cancelled", tally.cancelled()).n("inFlight", tally.inFlight())
                    .n("queued", tally.queued()).n("skipped", tally.skipped()).values));
            EcsLaunchSettings ecs = run.ecs();
            item.values.put("ecs", AttributeValue.fromM(new Item().s("cluster", ecs.cluster())
                    .s("taskDefinition", ecs.taskDefinition()).s("containerName", ecs.containerName())
                    .list("subnets", ecs.subnets()).list("securityGroups", ecs.securityGroups())
                    .s("assignPublicIp", ecs.assignPublicIp()).s("account", ecs.account()).s("region", ecs.region())
                    .values));
            Steering steering = run.steering();
            item.values.put("steering", AttributeValue.fromM(new Item().n("maxInFlight", steering.maxInFlight())
                    .n("brakeAfter", steering.brakeAfter()).n("brakePercent", steering.brakePercent())
                    .s("pausedBecause", steering.pausedBecause())
                    .n("brakeTrippedAtFailures", steering.brakeTrippedAtFailures()).values));
            item.n("auditCount", run.audit().size());
            return item.values;
        }

        static Map<String, AttributeValue> auditEvent(String partition, int index, AuditEvent event) {
            return new Item().s("PK", partition).s("SK", String.format("%08d", index)).time("at", event.at())
                    .s("who", event.who()).s("action", event.action()).s("detail", event.detail()).values;
        }

        static AuditEvent toAuditEvent(Map<String, AttributeValue> m) {
            return new AuditEvent(time(m, "at"), str(m, "who"), str(m, "action"), str(m, "detail"));
        }

        static Run toRun(Map<String, AttributeValue> item) {
            Map<String, AttributeValue> ecs = item.get("ecs").m();
            // Runs stored before audit events had items of their own kept them in a list here.
            List<AuditEvent> audit = new ArrayList<>();
            if (item.containsKey("audit") && item.get("audit").hasL()) {
                for (AttributeValue event : item.get("audit").l()) {
                    audit.add(toAuditEvent(event.m()));
                }
            }
            return new Run(str(item, "id"), time(item, "createdAt"), str(item, "createdBy"),
                    new EcsLaunchSettings(str(ecs, "cluster"), str(ecs, "taskDefinition"), str(ecs, "containerName"),
                            list(ecs, "subnets"), list(ecs, "securityGroups"), str(ecs, "assignPublicIp"),
                            str(ecs, "account"), str(ecs, "region")),
                    RunState.valueOf(str(item, "state")), item.get("cancelRequested").bool(),
                    Integer.parseInt(item.get("total").n()), List.copyOf(audit), time(item, "finishedAt"),
                    str(item, "selection"), tally(item), steering(item));
        }

        /** Runs stored before runs were steered have the defaults. */
        private static Steering steering(Map<String, AttributeValue> item) {
            AttributeValue value = item.get("steering");
            if (value == null || !value.hasM()) {
                return Steering.DEFAULT;
            }
            Map<String, AttributeValue> m = value.m();
            return new Steering(m.containsKey("maxInFlight") ? num(m, "maxInFlight") : null, num(m, "brakeAfter"),
                    num(m, "brakePercent"), str(m, "pausedBecause"), num(m, "brakeTrippedAtFailures"));
        }

        private static List<Attempt> attempts(Map<String, AttributeValue> item) {
            AttributeValue value = item.get("earlier");
            if (value == null || !value.hasL()) {
                return List.of();
            }
            List<Attempt> attempts = new ArrayList<>();
            for (AttributeValue entry : value.l()) {
                Map<String, AttributeValue> m = entry.m();
                String kind = str(m, "failureKind");
                String exit = m.containsKey("exitCode") ? m.get("exitCode").n() : null;
                attempts.add(new Attempt(num(m, "number"), BotState.valueOf(str(m, "state")), str(m, "taskArn"),
                        time(m, "launchedAt"), time(m, "finishedAt"), str(m, "lastStatus"), str(m, "stopCode"),
                        exit == null ? null : Integer.valueOf(exit), str(m, "syncStatus"), str(m, "reason"),
                        kind == null ? null : FailureKind.valueOf(kind), str(m, "retriedBy")));
            }
            return List.copyOf(attempts);
        }

        /** Runs stored before tallies were kept have none: their pages count the bots instead. */
        private static RunTally tally(Map<String, AttributeValue> item) {
            AttributeValue value = item.get("tally");
            if (value == null || !value.hasM()) {
                return RunTally.NONE;
            }
            Map<String, AttributeValue> m = value.m();
            return new RunTally(num(m, "succeeded"), num(m, "failed"), num(m, "cancelled"), num(m, "inFlight"),
                    num(m, "queued"), num(m, "skipped"));
        }

        private static int num(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
        }

        static Map<String, AttributeValue> bot(String partition, RunBot bot) {
            return new Item().s("PK", partition).s("SK", "BOT#" + bot.pk() + "#" + bot.sk())
                    .s("pk", bot.pk()).s("sk", bot.sk()).s("botId", bot.botId()).s("title", bot.title())
                    .s("state", bot.state().name()).n("attempt", bot.attempt()).n("launchTry", bot.launchTry())
                    .s("clientToken", bot.clientToken()).s("taskArn", bot.taskArn())
                    .s("lastStatus", bot.lastStatus()).s("stopCode", bot.stopCode()).n("exitCode", bot.exitCode())
                    .s("syncStatus", bot.syncStatus()).s("syncStatusReason", bot.syncStatusReason())
                    .s("reason", bot.reason())
                    .s("failureKind", bot.failureKind() == null ? null : bot.failureKind().name())
                    .time("queuedAt", bot.queuedAt()).time("launchedAt", bot.launchedAt())
                    .time("startedAt", bot.startedAt()).time("finishedAt", bot.finishedAt())
                    .time("nextTryAt", bot.nextTryAt()).s("stopReason", bot.stopReason()).attempts(bot.earlier())
                    .s("queuedSyncStatus", bot.queuedSyncStatus()).s("queuedExecId", bot.queuedExecId())
                    .n("sources", bot.sources() == RunBot.SOURCES_UNKNOWN ? null : bot.sources()).values;
        }

        static RunBot toBot(Map<String, AttributeValue> item) {
            String kind = str(item, "failureKind");
            String exit = item.containsKey("exitCode") ? item.get("exitCode").n() : null;
            return new RunBot(str(item, "pk"), str(item, "sk"), str(item, "botId"), str(item, "title"),
                    BotState.valueOf(str(item, "state")), Integer.parseInt(item.get("attempt").n()),
                    Integer.parseInt(item.get("launchTry").n()), str(item, "clientToken"), str(item, "taskArn"),
                    str(item, "lastStatus"), str(item, "stopCode"), exit == null ? null : Integer.valueOf(exit),
                    str(item, "syncStatus"), str(item, "syncStatusReason"), str(item, "reason"),
                    kind == null ? null : FailureKind.valueOf(kind), time(item, "queuedAt"),
                    time(item, "launchedAt"), time(item, "startedAt"), time(item, "finishedAt"),
                    time(item, "nextTryAt"), str(item, "stopReason"), attempts(item), str(item, "queuedSyncStatus"),
                    str(item, "queuedExecId"), item.containsKey("sources") ? num(item, "sources") : RunBot.SOURCES_UNKNOWN);
        }

        static String str(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null ? null : value.s();
        }

        static Instant time(Map<String, AttributeValue> item, String name) {
            String value = str(item, name);
            return value == null ? null : Instant.parse(value);
        }

        private static List<String> list(Map<String, AttributeValue> item, String name) {
            AttributeValue value = item.get(name);
            return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
        }

        private static final class Item {
            final Map<String, AttributeValue> values = new HashMap<>();

            Item s(String name, String value) {
                if (value != null) {
                    values.put(name, AttributeValue.fromS(value));
                }
                return this;
            }

            Item n(String name, Integer value) {
                if (value != null) {
                    values.put(name, AttributeValue.fromN(value.toString()));
                }
                return this;
            }

            Item bool(String name, boolean value) {
                values.put(name, AttributeValue.fromBool(value));
                return this;
            }

            Item time(String name, Instant value) {
                return s(name, value == null ? null : value.toString());
            }

            /** Earlier attempts; left out while there are none, so a first attempt's item stays as it was. */
            Item attempts(List<Attempt> attempts) {
                if (attempts.isEmpty()) {
                    return this;
                }
                List<AttributeValue> list = new ArrayList<>();
                for (Attempt attempt : attempts) {
                    list.add(AttributeValue.fromM(new Item().n("number", attempt.number()).s("state", attempt.state().name())
                            .s("taskArn", attempt.taskArn()).time("launchedAt", attempt.launchedAt())
                            .time("finishedAt", attempt.finishedAt()).s("lastStatus", attempt.lastStatus())
                            .s("stopCode", attempt.stopCode()).n("exitCode", attempt.exitCode())
                            .s("syncStatus", attempt.syncStatus()).s("reason", attempt.reason())
                            .s("failureKind", attempt.failureKind() == null ? null : attempt.failureKind().name())
                            .s("retriedBy", attempt.retriedBy()).values));
                }
                values.put("earlier", AttributeValue.fromL(list));
                return this;
            }

            Item list(String name, List<String> value) {
                values.put(name, AttributeValue.fromL(value.stream().map(AttributeValue::fromS).toList()));
                return this;
            }
        }
    }
}
