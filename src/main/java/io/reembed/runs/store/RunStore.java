package io.reembed.runs.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.logging.LogText;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunHead;
import io.reembed.runs.engine.EngineLimits;
import io.reembed.runs.engine.EngineRequest;
import io.reembed.runs.engine.Lease;
import io.reembed.runs.engine.RunRepository;
import io.reembed.runs.engine.StaleStateException;
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
 * partition of its bots and one of its audit events. Every run and bot item carries a version; each
 * write is conditional on the version the engine's view last read or wrote (a new item: on its
 * absence), so a copy that lost the lease cannot overwrite what the copy that took it wrote since.
 */
@ApplicationScoped
public class RunStore implements RunRepository {

    private static final Logger LOG = Logger.getLogger(RunStore.class);
    private static final String RUNS_PARTITION = "RUNS";
    private static final int TRANSACTION = 100;
    /** Transactions of one run's bots written at once: a 10,000-bot run is stored in a few round trips. */
    private static final int PARALLEL_TRANSACTIONS = 4;
    /** The global limits an operator set, one item beside the runs. */
    private static final Map<String, AttributeValue> LIMITS_KEY = Map.of("PK", AttributeValue.fromS("ENGINE"),
            "SK", AttributeValue.fromS("LIMITS"));

    private final DynamoDbClient dynamo;
    private final String table;
    private final ItemVersions versions;
    private final LeaseItem leaseItem;
    private final RequestItems requestItems;
    private final ExecutorService writers;
    /** Run items that could not be read, each named in the log once. */
    private final Set<String> unreadableReported;

    @Inject
    public RunStore(DynamoDbClient dynamo, ReembedConfig config) {
        this(dynamo, config.runs().tableName());
    }

    public RunStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, ItemVersions.NONE, Executors.newFixedThreadPool(PARALLEL_TRANSACTIONS, runnable -> {
            Thread thread = new Thread(runnable, "run-store-writer");
            thread.setDaemon(true);
            return thread;
        }), ConcurrentHashMap.newKeySet());
    }

    private RunStore(DynamoDbClient dynamo, String table, ItemVersions versions, ExecutorService writers,
            Set<String> unreadableReported) {
        this.dynamo = dynamo;
        this.table = table;
        this.versions = versions;
        this.leaseItem = new LeaseItem(dynamo, table);
        this.requestItems = new RequestItems(dynamo, table);
        this.writers = writers;
        this.unreadableReported = unreadableReported;
    }

    @PreDestroy
    void close() {
        writers.shutdown();
    }

    @Override
    public RunStore forEngine() {
        return new RunStore(dynamo, table, ItemVersions.kept(), writers, unreadableReported);
    }

    /** Runs the engine's view remembers: those it holds. */
    public int runsKept() {
        return versions.runsKept();
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

    @Override
    public Optional<Taken> takeUp(String runId) {
        Map<String, AttributeValue> item = runItem(runId);
        if (item == null) {
            return Optional.empty();
        }
        Run inline = RunItems.toRun(item);
        List<AuditEvent> events = auditEvents(runId);
        List<RunBot> bots = new ArrayList<>();
        for (Map<String, AttributeValue> botItem : dynamo.queryPaginator(partitionQuery(botPartition(runId))).items()) {
            RunBot bot = RunItems.toBot(botItem);
            bots.add(bot);
            versions.bot(runId, bot.key(), version(botItem));
        }
        // Events of an old inline list were never stored as items: the next save stores them all.
        versions.run(runId, version(item), inline.audit().isEmpty() ? events.size() : 0);
        return Optional.of(new Taken(withAudit(inline, events), bots));
    }

    @Override
    public void letGo(String runId) {
        versions.forget(runId);
    }

    /** The run's item, and each audit event not yet stored as an item of its own, all or none. */
    @Override
    public void saveRun(Run run) {
        Long read = versions.run(run.id());
        int stored = read == null ? 0 : versions.auditStored(run.id());
        List<Put> puts = new ArrayList<>();
        List<AuditEvent> audit = run.audit();
        for (int index = stored; index < audit.size(); index++) {
            puts.add(Put.of(RunItems.auditEvent(auditPartition(run.id()), index, audit.get(index))));
        }
        Put put = Put.versioned(RunItems.run(RUNS_PARTITION, run), read);
        puts.add(put);
        write(puts, () -> new StaleStateException("Run " + run.id() + " was written by another copy since this one "
                + "read it: another copy drives runs now"));
        versions.run(run.id(), put.version(), audit.size());
    }

    @Override
    public void saveBot(String runId, RunBot bot) {
        Put put = botPut(runId, bot);
        write(List.of(put), () -> stale(runId, bot));
        versions.bot(runId, bot.key(), put.version());
    }

    /** As {@link #saveBot}, in transactions of 100 bots (a few at once): all of a transaction or none. */
    @Override
    public void saveBots(String runId, List<RunBot> bots) {
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int from = 0; from < bots.size(); from += TRANSACTION) {
            List<RunBot> chunk = bots.subList(from, Math.min(bots.size(), from + TRANSACTION));
            Runnable write = () -> {
                List<Put> puts = chunk.stream().map(bot -> botPut(runId, bot)).toList();
                write(puts, () -> stale(runId, chunk.get(0)));
                for (int i = 0; i < chunk.size(); i++) {
                    versions.bot(runId, chunk.get(i).key(), puts.get(i).version());
                }
            };
            if (bots.size() <= TRANSACTION) {
                write.run();
            } else {
                writes.add(CompletableFuture.runAsync(write, writers));
            }
        }
        try {
            CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private Put botPut(String runId, RunBot bot) {
        return Put.versioned(RunItems.bot(botPartition(runId), bot), versions.bot(runId, bot.key()));
    }

    /** An item to put, on a condition: absent for a new item, else at the version read. */
    private record Put(Map<String, AttributeValue> item, String condition, Map<String, AttributeValue> values,
            long version) {

        static Put of(Map<String, AttributeValue> item) {
            return new Put(item, null, Map.of(), 0);
        }

        static Put versioned(Map<String, AttributeValue> fields, Long read) {
            long next = read == null ? 1 : read + 1;
            Map<String, AttributeValue> item = new HashMap<>(fields);
            item.put("version", AttributeValue.fromN(Long.toString(next)));
            if (read == null) {
                return new Put(item, "attribute_not_exists(PK)", Map.of(), next);
            }
            // Items written before versions were kept have none: version 0.
            String condition = read == 0 ? "attribute_not_exists(version) OR version = :read" : "version = :read";
            return new Put(item, condition, Map.of(":read", AttributeValue.fromN(Long.toString(read))), next);
        }

        TransactWriteItem transactional(String table) {
            return TransactWriteItem.builder().put(p -> p.tableName(table).item(item).conditionExpression(condition)
                    .expressionAttributeValues(values.isEmpty() ? null : values)).build();
        }
    }

    /** One put alone, or all in one transaction (at most 100): a failed condition is another copy's newer write. */
    private void write(List<Put> puts, Supplier<StaleStateException> stale) {
        if (puts.size() > TRANSACTION) {
            // Only a run stored before audit events had items of their own has more events than that.
            write(puts.subList(0, puts.size() - TRANSACTION), stale);
            write(puts.subList(puts.size() - TRANSACTION, puts.size()), stale);
            return;
        }
        if (puts.size() == 1) {
            Put put = puts.get(0);
            try {
                dynamo.putItem(b -> b.tableName(table).item(put.item()).conditionExpression(put.condition())
                        .expressionAttributeValues(put.values().isEmpty() ? null : put.values()));
            } catch (ConditionalCheckFailedException e) {
                throw stale.get();
            }
            return;
        }
        try {
            dynamo.transactWriteItems(b -> b.transactItems(puts.stream().map(put -> put.transactional(table)).toList()));
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons().stream().anyMatch(reason -> "ConditionalCheckFailed".equals(reason.code()))) {
                throw stale.get();
            }
            throw e;
        }
    }

    private static long version(Map<String, AttributeValue> item) {
        return item.containsKey("version") ? Long.parseLong(item.get("version").n()) : 0L;
    }

    private static StaleStateException stale(String runId, RunBot bot) {
        return new StaleStateException("Bot " + bot.botId() + " of run " + runId + " was written by another copy "
                + "since this one read it: another copy drives runs now");
    }

    @Override
    public boolean takeLease(String holder, String token, Instant now, Instant until) {
        return leaseItem.take(holder, token, now, until);
    }

    @Override
    public Optional<Lease> lease() {
        return leaseItem.read();
    }

    @Override
    public void releaseLease(String token) {
        leaseItem.release(token);
    }

    @Override
    public void saveRequest(EngineRequest request) {
        requestItems.save(request);
    }

    @Override
    public List<EngineRequest> requests() {
        return requestItems.all();
    }

    @Override
    public void answerRequest(String id, Map<String, String> outcome) {
        requestItems.answer(id, outcome);
    }

    @Override
    public Optional<EngineRequest> findRequest(String id) {
        return requestItems.find(id);
    }

    @Override
    public void deleteRequest(String id) {
        requestItems.delete(id);
    }

    @Override
    public Optional<Run> findRun(String id) {
        Map<String, AttributeValue> item = runItem(id);
        return item == null ? Optional.empty() : Optional.of(withAudit(RunItems.toRun(item), auditEvents(id)));
    }

    private Map<String, AttributeValue> runItem(String id) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(RUNS_PARTITION), "SK", AttributeValue.fromS(id)))).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private List<AuditEvent> auditEvents(String runId) {
        List<AuditEvent> events = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(partitionQuery(auditPartition(runId))).items()) {
            events.add(RunItems.toAuditEvent(item));
        }
        return events;
    }

    /** A run with its whole audit trail: the events stored as items, after any an older version kept in the run's item. */
    private static Run withAudit(Run run, List<AuditEvent> stored) {
        List<AuditEvent> audit = new ArrayList<>(run.audit());
        audit.addAll(stored);
        return new Run(run.id(), run.createdAt(), run.createdBy(), run.ecs(), run.state(), run.cancelRequested(),
                run.total(), List.copyOf(audit), run.finishedAt(), run.selection(), run.tally(), run.steering());
    }

    private static String auditPartition(String runId) {
        return "AUDIT#" + runId;
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

    /**
     * Runs, newest first (run ids sort by creation time), without their audit trails ({@link #findRun}
     * has it). An item that cannot be read is left out, and named in the log once.
     */
    @Override
    public List<Run> listRuns(int limit) {
        return newestRuns(limit, request -> request, RunItems::toRun);
    }

    /** As {@link #listRuns}, each item read only for its id, state and end (a projection: a few bytes a run). */
    @Override
    public List<RunHead> listRunHeads(int limit) {
        return newestRuns(limit, request -> request.projectionExpression(RunItems.HEAD_PROJECTION)
                .expressionAttributeNames(RunItems.HEAD_NAMES).limit(limit), RunItems::toHead);
    }

    /** Items of the runs partition, newest first, each read by {@code read}; one that cannot be read is named once. */
    private <T> List<T> newestRuns(int limit, UnaryOperator<QueryRequest.Builder> shape,
            Function<Map<String, AttributeValue>, T> read) {
        QueryRequest request = shape.apply(QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(RUNS_PARTITION)))
                .scanIndexForward(false).consistentRead(true)).build();
        List<T> runs = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(request).items()) {
            try {
                runs.add(read.apply(item));
            } catch (RuntimeException e) {
                String id = RunItems.str(item, "SK");
                if (unreadableReported.add(String.valueOf(id))) {
                    LOG.errorf("The item of run %s in %s cannot be read and is left out of the runs (%s); "
                            + "fix or delete it", LogText.escape(id), table, LogText.escape(String.valueOf(e.getMessage())));
                }
                continue;
            }
            if (runs.size() >= limit) {
                break;
            }
        }
        return runs;
    }

    @Override
    public List<RunBot> loadBots(String runId) {
        try (Stream<RunBot> bots = streamBots(runId)) {
            return new ArrayList<>(bots.toList());
        }
    }

    /** The run's bots page by page as DynamoDB returns them, for reading only: one page of items in memory at a time. */
    public Stream<RunBot> streamBots(String runId) {
        return dynamo.queryPaginator(partitionQuery(botPartition(runId))).items().stream().map(RunItems::toBot);
    }

    private QueryRequest partitionQuery(String partition) {
        return QueryRequest.builder().tableName(table).keyConditionExpression("PK = :p")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(partition)))
                .consistentRead(true).build();
    }

    private static String botPartition(String runId) {
        return "RUN#" + runId;
    }
}
