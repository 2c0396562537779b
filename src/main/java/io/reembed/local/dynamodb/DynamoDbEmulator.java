package io.reembed.local.dynamodb;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;
import io.reembed.local.dynamodb.data.ValueJson;
import io.reembed.local.dynamodb.expression.Ast;
import io.reembed.local.dynamodb.expression.Documents;
import io.reembed.local.dynamodb.expression.Evaluator;
import io.reembed.local.dynamodb.expression.ExpressionInput;
import io.reembed.local.dynamodb.expression.Parser;
import io.reembed.local.dynamodb.expression.Updater;
import org.jboss.logging.Logger;

/**
 * DynamoDB's JSON 1.0 API over tables kept in memory (and in a journal when given a directory).
 * Every write holds one lock while it checks its condition, writes the journal and applies itself,
 * so conditions are atomic with their writes and transactions all-or-nothing; reads share the lock.
 * Streams, TTL deletion, PartiQL, backups and table updates are refused with words that say so.
 */
public final class DynamoDbEmulator implements AutoCloseable {

    public static final String TARGET_PREFIX = "DynamoDB_20120810.";
    public static final String CONTENT_TYPE = "application/x-amz-json-1.0";

    private static final Logger LOG = Logger.getLogger(DynamoDbEmulator.class);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final int MAX_BATCH_GET = 100;
    private static final int MAX_BATCH_WRITE = 25;
    private static final int MAX_TRANSACTION = 100;
    private static final long MAX_BATCH_GET_BYTES = 16L * 1024 * 1024;
    private static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
    private static final Map<String, String> NOT_IMPLEMENTED = notImplemented();

    /** One answer: the HTTP status and the JSON body. */
    public record Answer(int status, String body) {
    }

    /** One item write: a put (item) or a delete (key). */
    private record Write(Table table, Map<String, Value> item, Map<String, Value> key) {
    }

    private record Token(String request, Instant at) {
    }

    private final ObjectMapper json;
    private final String region;
    private final String account;
    private final Clock clock;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, Table> tables = new TreeMap<>();
    private final Map<String, Token> transactionTokens = new LinkedHashMap<>();
    private final DynamoDbJournal journal;

    /** Tables in memory only, or kept in {@code dataDirectory} across restarts. */
    public DynamoDbEmulator(ObjectMapper json, String region, String account, Optional<Path> dataDirectory, Clock clock) {
        this(json, region, account, dataDirectory, clock, DynamoDbJournal.MIN_RECORDS_BEFORE_COMPACTING);
    }

    /** The same, with the journal compacted once it holds more than {@code compactAfter} records (tests). */
    DynamoDbEmulator(ObjectMapper json, String region, String account, Optional<Path> dataDirectory, Clock clock,
            long compactAfter) {
        this.json = json;
        this.region = region;
        this.account = account;
        this.clock = clock;
        this.journal = dataDirectory.map(dir -> DynamoDbJournal.open(dir, json, this::replay, compactAfter)).orElse(null);
        if (journal != null) {
            LOG.infof("DynamoDB emulator: %d tables, %d items kept in %s", tables.size(),
                    tables.values().stream().mapToLong(t -> t.items().count()).sum(), dataDirectory.get().toAbsolutePath());
        }
    }

    /** One call as the SDK sends it: {@code X-Amz-Target} and the JSON body. */
    public Answer call(String target, String body) {
        return call(target, body, false);
    }

    /** The same; a call the console itself made ({@code console}) is recorded with what IAM would check. */
    public Answer call(String target, String body, boolean console) {
        try {
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new DynamoDbException("UnknownOperationException", "Missing or unknown X-Amz-Target header.", 400);
            }
            JsonNode request;
            try {
                request = body == null || body.isBlank() ? NODES.objectNode() : json.readTree(body);
            } catch (JsonProcessingException e) {
                throw new DynamoDbException("SerializationException", "The request body is not valid JSON.", 400);
            }
            if (!(request instanceof ObjectNode object)) {
                throw new DynamoDbException("SerializationException", "The request body must be a JSON object.", 400);
            }
            String operation = target.substring(TARGET_PREFIX.length());
            if (console) {
                DynamoDbCalls.record(operation, object, "arn:aws:dynamodb:" + region + ":" + account + ":table/");
            }
            return new Answer(200, json.writeValueAsString(handle(operation, object)));
        } catch (DynamoDbException e) {
            return new Answer(e.status(), e.body().toString());
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.errorf(e, "DynamoDB emulator failed on %s", target);
            return new Answer(500, new DynamoDbException("InternalServerError", "Internal server error", 500)
                    .body().toString());
        }
    }

    ObjectNode handle(String operation, ObjectNode request) {
        return switch (operation) {
            case "CreateTable" -> write(() -> createTable(request));
            case "DescribeTable" -> read(() -> describeTable(request));
            case "DeleteTable" -> write(() -> deleteTable(request));
            case "ListTables" -> read(() -> listTables(request));
            case "GetItem" -> read(() -> getItem(request));
            case "PutItem" -> write(() -> putItem(request));
            case "UpdateItem" -> write(() -> updateItem(request));
            case "DeleteItem" -> write(() -> deleteItem(request));
            case "Query" -> read(() -> ItemReads.query(table(request), request));
            case "Scan" -> read(() -> ItemReads.scan(table(request), request));
            case "BatchGetItem" -> read(() -> batchGetItem(request));
            case "BatchWriteItem" -> write(() -> batchWriteItem(request));
            case "TransactWriteItems" -> write(() -> transactWriteItems(request));
            case "TransactGetItems" -> read(() -> transactGetItems(request));
            default -> throw new DynamoDbException("UnknownOperationException", NOT_IMPLEMENTED.containsKey(operation)
                    ? "The console's DynamoDB emulator does not implement " + operation + " ("
                            + NOT_IMPLEMENTED.get(operation) + "); see docs/emulators.md"
                    : "Unknown operation " + operation, 400);
        };
    }

    private ObjectNode read(Supplier<ObjectNode> call) {
        return holding(lock.readLock(), call);
    }

    private ObjectNode write(Supplier<ObjectNode> call) {
        return holding(lock.writeLock(), call);
    }

    private static ObjectNode holding(java.util.concurrent.locks.Lock held, Supplier<ObjectNode> call) {
        held.lock();
        try {
            return call.get();
        } finally {
            held.unlock();
        }
    }

    // ---- tables

    private ObjectNode createTable(ObjectNode request) {
        TableDefinition definition = TableDefinition.parse(request, clock.instant(), region, account);
        if (tables.containsKey(definition.name())) {
            throw new DynamoDbException("ResourceInUseException", "Table already exists: " + definition.name(), 400);
        }
        if (journal != null) {
            ObjectNode record = NODES.objectNode().put("op", "create").put("created", definition.created().toEpochMilli());
            record.set("request", request);
            journal.append(record);
        }
        Table table = new Table(definition);
        tables.put(definition.name(), table);
        ObjectNode response = NODES.objectNode();
        response.set("TableDescription", TableDescriptions.describe(table, "ACTIVE"));
        return response;
    }

    private ObjectNode describeTable(ObjectNode request) {
        ObjectNode response = NODES.objectNode();
        response.set("Table", TableDescriptions.describe(table(request), "ACTIVE"));
        return response;
    }

    private ObjectNode deleteTable(ObjectNode request) {
        Table table = table(request);
        if (journal != null) {
            journal.append(NODES.objectNode().put("op", "drop").put("table", table.definition().name()));
        }
        tables.remove(table.definition().name());
        ObjectNode response = NODES.objectNode();
        response.set("TableDescription", TableDescriptions.describe(table, "DELETING"));
        return response;
    }

    private ObjectNode listTables(ObjectNode request) {
        Integer limit = Requests.integer(request, "Limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + limit + "' at 'limit' failed "
                    + "to satisfy constraint: Member must have value less than or equal to 100 and greater than or equal to 1");
        }
        int max = limit == null ? 100 : limit;
        String after = Requests.text(request, "ExclusiveStartTableName");
        List<String> names = new ArrayList<>(after == null ? tables.keySet()
                : ((TreeMap<String, Table>) tables).tailMap(after, false).keySet());
        ObjectNode response = NODES.objectNode();
        ArrayNode page = response.putArray("TableNames");
        names.stream().limit(max).forEach(page::add);
        if (names.size() > max) {
            response.put("LastEvaluatedTableName", names.get(max - 1));
        }
        return response;
    }

    private Table table(JsonNode request) {
        String name = Requests.requiredText(request, "TableName");
        TableDefinition.checkName(name);
        Table table = tables.get(name);
        if (table == null) {
            throw DynamoDbException.notFound("Requested resource not found: Table: " + name + " not found");
        }
        return table;
    }

    // ---- items

    private ObjectNode getItem(ObjectNode request) {
        Table table = table(request);
        Map<String, Value> key = table.key(ValueJson.item(request.get("Key")));
        ExpressionInput input = Requests.expressionInput(request);
        List<io.reembed.local.dynamodb.expression.Path> projection = projection(request, input);
        Map<String, Value> item = table.get(key);
        ObjectNode response = NODES.objectNode();
        if (item != null) {
            response.set("Item", ValueJson.write(projection == null ? item : Documents.project(item, projection)));
        }
        Capacity.add(response, request, table.definition().name(), Capacity.readUnits(
                item == null ? 0 : Value.itemSize(item), Requests.bool(request, "ConsistentRead")));
        return response;
    }

    private List<io.reembed.local.dynamodb.expression.Path> projection(JsonNode request, ExpressionInput input) {
        String projection = Requests.text(request, "ProjectionExpression");
        if (projection == null) {
            input.requireNone();
            return null;
        }
        List<io.reembed.local.dynamodb.expression.Path> paths = Parser.projection(projection, input);
        input.requireAllUsed();
        return paths;
    }

    private ObjectNode putItem(ObjectNode request) {
        Requests.refuseLegacy(request, "Expected", "ConditionalOperator");
        Table table = table(request);
        Map<String, Value> item = ValueJson.item(request.get("Item"));
        table.checkItem(item);
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        Map<String, Value> old = table.get(table.keyOf(item));
        checkCondition(request, conditionOnly(request), old);
        apply(List.of(new Write(table, item, null)));
        return itemResponse(request, table, "ALL_OLD".equals(returnValues) ? old : null, Value.itemSize(item));
    }

    private ObjectNode deleteItem(ObjectNode request) {
        Requests.refuseLegacy(request, "Expected", "ConditionalOperator");
        Table table = table(request);
        Map<String, Value> key = table.key(ValueJson.item(request.get("Key")));
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD"));
        Map<String, Value> old = table.get(key);
        checkCondition(request, conditionOnly(request), old);
        if (old != null) {
            apply(List.of(new Write(table, null, key)));
        }
        return itemResponse(request, table, "ALL_OLD".equals(returnValues) ? old : null,
                old == null ? 0 : Value.itemSize(old));
    }

    private ObjectNode updateItem(ObjectNode request) {
        Requests.refuseLegacy(request, "Expected", "ConditionalOperator", "AttributeUpdates");
        Table table = table(request);
        Map<String, Value> key = table.key(ValueJson.item(request.get("Key")));
        String returnValues = returnValues(request, Set.of("NONE", "ALL_OLD", "ALL_NEW", "UPDATED_OLD", "UPDATED_NEW"));
        ParsedUpdate parsed = parseUpdate(request, table);
        Map<String, Value> old = table.get(key);
        checkCondition(request, parsed.condition(), old);
        Map<String, Value> updated = updated(table, key, old, parsed.update());
        apply(List.of(new Write(table, updated, null)));
        Map<String, Value> shown = switch (returnValues) {
            case "ALL_OLD" -> old;
            case "ALL_NEW" -> updated;
            case "UPDATED_OLD" -> old == null || parsed.update() == null ? null
                    : Documents.project(old, parsed.update().paths());
            case "UPDATED_NEW" -> parsed.update() == null ? null : Documents.project(updated, parsed.update().paths());
            default -> null;
        };
        return itemResponse(request, table, shown, Value.itemSize(updated));
    }

    private record ParsedUpdate(Ast.Condition condition, Ast.Update update) {
    }

    private static ParsedUpdate parseUpdate(JsonNode request, Table table) {
        ExpressionInput input = Requests.expressionInput(request);
        Ast.Condition condition = condition(request, input);
        String expression = Requests.text(request, "UpdateExpression");
        Ast.Update update = expression == null ? null : Parser.update(expression, input);
        if (condition == null && update == null) {
            input.requireNone();
        } else {
            input.requireAllUsed();
        }
        if (update != null) {
            for (io.reembed.local.dynamodb.expression.Path path : update.paths()) {
                if (table.definition().key().attributes().contains(path.attribute())) {
                    throw DynamoDbException.validation("One or more parameter values were invalid: Cannot update "
                            + "attribute " + path.attribute() + ". This attribute is part of the key");
                }
            }
        }
        return new ParsedUpdate(condition, update);
    }

    /** The item after the update: an item that did not exist starts as its key. */
    private static Map<String, Value> updated(Table table, Map<String, Value> key, Map<String, Value> old,
            Ast.Update update) {
        Map<String, Value> base = old != null ? old : new LinkedHashMap<>(key);
        Map<String, Value> updated = update == null ? new LinkedHashMap<>(base) : Updater.apply(update, base);
        table.checkItem(updated);
        return updated;
    }

    private static Ast.Condition conditionOnly(JsonNode request) {
        ExpressionInput input = Requests.expressionInput(request);
        Ast.Condition condition = condition(request, input);
        if (condition == null) {
            input.requireNone();
        } else {
            input.requireAllUsed();
        }
        return condition;
    }

    private static Ast.Condition condition(JsonNode request, ExpressionInput input) {
        String expression = Requests.text(request, "ConditionExpression");
        return expression == null ? null : Parser.condition(expression, "ConditionExpression", input);
    }

    private static void checkCondition(JsonNode request, Ast.Condition condition, Map<String, Value> old) {
        if (condition != null && !Evaluator.test(condition, old == null ? Map.of() : old)) {
            ObjectNode extra = NODES.objectNode();
            if (old != null && "ALL_OLD".equals(Requests.text(request, "ReturnValuesOnConditionCheckFailure"))) {
                extra.set("Item", ValueJson.write(old));
            }
            throw new DynamoDbException("ConditionalCheckFailedException", "The conditional request failed", 400, extra);
        }
    }

    private static String returnValues(JsonNode request, Set<String> allowed) {
        String returnValues = Requests.text(request, "ReturnValues");
        if (returnValues == null) {
            return "NONE";
        }
        if (!allowed.contains(returnValues)) {
            throw DynamoDbException.validation("Return values set to invalid value");
        }
        return returnValues;
    }

    private static ObjectNode itemResponse(ObjectNode request, Table table, Map<String, Value> attributes, long bytes) {
        ObjectNode response = NODES.objectNode();
        if (attributes != null) {
            response.set("Attributes", ValueJson.write(attributes));
        }
        Capacity.add(response, request, table.definition().name(), Capacity.writeUnits(bytes));
        return response;
    }

    // ---- batches

    private static JsonNode requestItems(JsonNode request) {
        JsonNode requestItems = request.path("RequestItems");
        if (!requestItems.isObject() || requestItems.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value null at 'requestItems' failed to "
                    + "satisfy constraint: Member must have length greater than or equal to 1");
        }
        return requestItems;
    }

    private static JsonNode transactItems(JsonNode request) {
        JsonNode items = request.path("TransactItems");
        if (!items.isArray() || items.isEmpty() || items.size() > MAX_TRANSACTION) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'transactItems' failed to satisfy "
                    + "constraint: Member must have length less than or equal to " + MAX_TRANSACTION
                    + " and greater than or equal to 1");
        }
        return items;
    }

    private ObjectNode batchGetItem(ObjectNode request) {
        JsonNode requestItems = requestItems(request);
        int keys = 0;
        for (JsonNode tableRequest : requestItems) {
            keys += tableRequest.path("Keys").size();
        }
        if (keys > MAX_BATCH_GET) {
            throw DynamoDbException.validation("Too many items requested for the BatchGetItem call");
        }
        ObjectNode response = NODES.objectNode();
        ObjectNode responses = response.putObject("Responses");
        ObjectNode unprocessed = response.putObject("UnprocessedKeys");
        ArrayNode consumed = NODES.arrayNode();
        long bytes = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = table(NODES.objectNode().put("TableName", entry.getKey()));
            JsonNode tableRequest = entry.getValue();
            ExpressionInput input = Requests.expressionInput(tableRequest);
            List<io.reembed.local.dynamodb.expression.Path> projection = projection(tableRequest, input);
            Set<Map<String, Value>> seen = new HashSet<>();
            ArrayNode found = responses.putArray(entry.getKey());
            ArrayNode left = NODES.arrayNode();
            long tableBytes = 0;
            for (JsonNode keyNode : tableRequest.path("Keys")) {
                Map<String, Value> key = table.key(ValueJson.item(keyNode));
                if (!seen.add(key)) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                if (bytes >= MAX_BATCH_GET_BYTES) {
                    left.add(keyNode);
                    continue;
                }
                Map<String, Value> item = table.get(key);
                if (item != null) {
                    bytes += Value.itemSize(item);
                    tableBytes += Value.itemSize(item);
                    found.add(ValueJson.write(projection == null ? item : Documents.project(item, projection)));
                }
            }
            if (!left.isEmpty()) {
                ObjectNode rest = ((ObjectNode) tableRequest).deepCopy();
                rest.set("Keys", left);
                unprocessed.set(entry.getKey(), rest);
            }
            Capacity.addToList(consumed, request, entry.getKey(),
                    Capacity.readUnits(tableBytes, Requests.bool(tableRequest, "ConsistentRead")));
        }
        if (Capacity.asked(request)) {
            response.set("ConsumedCapacity", consumed);
        }
        return response;
    }

    private ObjectNode batchWriteItem(ObjectNode request) {
        JsonNode requestItems = requestItems(request);
        List<Write> writes = new ArrayList<>();
        ArrayNode consumed = NODES.arrayNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = requestItems.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            Table table = table(NODES.objectNode().put("TableName", entry.getKey()));
            Set<Map<String, Value>> keys = new HashSet<>();
            long bytes = 0;
            for (JsonNode writeRequest : entry.getValue()) {
                Write write;
                if (writeRequest.has("PutRequest") == writeRequest.has("DeleteRequest")) {
                    throw DynamoDbException.validation("Supplied AttributeValue has more than one datatypes set, "
                            + "a WriteRequest must contain exactly one of PutRequest and DeleteRequest");
                }
                if (writeRequest.has("PutRequest")) {
                    Map<String, Value> item = ValueJson.item(writeRequest.path("PutRequest").get("Item"));
                    table.checkItem(item);
                    write = new Write(table, item, null);
                    bytes += Value.itemSize(item);
                } else {
                    write = new Write(table, null, table.key(ValueJson.item(writeRequest.path("DeleteRequest").get("Key"))));
                }
                if (!keys.add(write.item() != null ? table.keyOf(write.item()) : write.key())) {
                    throw DynamoDbException.validation("Provided list of item keys contains duplicates");
                }
                writes.add(write);
            }
            Capacity.addToList(consumed, request, entry.getKey(), Capacity.writeUnits(bytes));
        }
        if (writes.isEmpty()) {
            throw DynamoDbException.validation("1 validation error detected: Value at 'requestItems' failed to satisfy "
                    + "constraint: Member must have length greater than or equal to 1");
        }
        if (writes.size() > MAX_BATCH_WRITE) {
            throw DynamoDbException.validation("Too many items requested for the BatchWriteItem call");
        }
        apply(writes);
        ObjectNode response = NODES.objectNode();
        response.putObject("UnprocessedItems");
        if (Capacity.asked(request)) {
            response.set("ConsumedCapacity", consumed);
        }
        return response;
    }

    // ---- transactions

    /** One action of a transaction, parsed and checked before anything is evaluated. */
    private record Action(Table table, Map<String, Value> key, JsonNode request, Ast.Condition condition,
            String kind, Map<String, Value> item, Ast.Update update) {
    }

    private ObjectNode transactWriteItems(ObjectNode request) {
        JsonNode items = transactItems(request);
        String token = Requests.text(request, "ClientRequestToken");
        if (token != null && repeated(token, request)) {
            return NODES.objectNode();
        }
        List<Action> actions = new ArrayList<>();
        Set<String> touched = new HashSet<>();
        for (JsonNode entry : items) {
            Action action = action(entry);
            if (!touched.add(action.table().definition().name() + "\u0000" + action.key())) {
                throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            }
            actions.add(action);
        }
        ArrayNode reasons = NODES.arrayNode();
        List<String> codes = new ArrayList<>();
        List<Write> writes = new ArrayList<>();
        for (Action action : actions) {
            Map<String, Value> old = action.table().get(action.key());
            ObjectNode reason = NODES.objectNode();
            try {
                checkCondition(action.request(), action.condition(), old);
                switch (action.kind()) {
                    case "Put" -> writes.add(new Write(action.table(), action.item(), null));
                    case "Delete" -> writes.add(new Write(action.table(), null, action.key()));
                    case "Update" -> writes.add(new Write(action.table(),
                            updated(action.table(), action.key(), old, action.update()), null));
                    default -> {
                    }
                }
                reason.put("Code", "None");
            } catch (DynamoDbException e) {
                boolean conditionFailed = e.code().equals("ConditionalCheckFailedException");
                reason.put("Code", conditionFailed ? "ConditionalCheckFailed" : "ValidationError");
                reason.put("Message", e.getMessage());
                if (conditionFailed && e.body().has("Item")) {
                    reason.set("Item", e.body().get("Item"));
                }
            }
            codes.add(reason.get("Code").asText());
            reasons.add(reason);
        }
        if (codes.stream().anyMatch(code -> !code.equals("None"))) {
            ObjectNode extra = NODES.objectNode();
            extra.set("CancellationReasons", reasons);
            throw new DynamoDbException("TransactionCanceledException",
                    "Transaction cancelled, please refer cancellation reasons for specific reasons "
                            + codes.toString(), 400, extra);
        }
        apply(writes);
        if (token != null) {
            transactionTokens.put(token, new Token(request.toString(), clock.instant()));
        }
        ObjectNode response = NODES.objectNode();
        if (Capacity.asked(request)) {
            ArrayNode consumed = response.putArray("ConsumedCapacity");
            actions.stream().map(a -> a.table().definition().name()).distinct()
                    .forEach(name -> Capacity.addToList(consumed, request, name, 2 * actions.stream()
                            .filter(a -> a.table().definition().name().equals(name)).count()));
        }
        return response;
    }

    /** A transaction sent again with its token within ten minutes succeeds without being applied twice. */
    private boolean repeated(String token, ObjectNode request) {
        Instant now = clock.instant();
        transactionTokens.values().removeIf(t -> t.at().plus(TOKEN_LIFETIME).isBefore(now));
        Token earlier = transactionTokens.get(token);
        if (earlier == null) {
            return false;
        }
        if (!earlier.request().equals(request.toString())) {
            throw new DynamoDbException("IdempotentParameterMismatchException", "The request uses the same client "
                    + "token as a previous, but non-identical request.", 400);
        }
        return true;
    }

    private Action action(JsonNode entry) {
        if (entry.size() != 1) {
            throw DynamoDbException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String kind = entry.fieldNames().next();
        JsonNode body = entry.get(kind);
        Table table = table(body);
        switch (kind) {
            case "ConditionCheck" -> {
                Map<String, Value> key = table.key(ValueJson.item(body.get("Key")));
                if (Requests.text(body, "ConditionExpression") == null) {
                    throw DynamoDbException.validation("The ConditionCheck action requires a ConditionExpression");
                }
                return new Action(table, key, body, conditionOnly(body), kind, null, null);
            }
            case "Put" -> {
                Map<String, Value> item = ValueJson.item(body.get("Item"));
                table.checkItem(item);
                return new Action(table, table.keyOf(item), body, conditionOnly(body), kind, item, null);
            }
            case "Delete" -> {
                Map<String, Value> key = table.key(ValueJson.item(body.get("Key")));
                return new Action(table, key, body, conditionOnly(body), kind, null, null);
            }
            case "Update" -> {
                Map<String, Value> key = table.key(ValueJson.item(body.get("Key")));
                if (Requests.text(body, "UpdateExpression") == null) {
                    throw DynamoDbException.validation("The Update action requires an UpdateExpression");
                }
                ParsedUpdate parsed = parseUpdate(body, table);
                return new Action(table, key, body, parsed.condition(), kind, null, parsed.update());
            }
            default -> throw DynamoDbException.validation("Unknown transaction action: " + kind);
        }
    }

    private ObjectNode transactGetItems(ObjectNode request) {
        JsonNode items = transactItems(request);
        ObjectNode response = NODES.objectNode();
        ArrayNode responses = response.putArray("Responses");
        Set<String> touched = new HashSet<>();
        for (JsonNode entry : items) {
            JsonNode get = entry.get("Get");
            if (get == null || entry.size() != 1) {
                throw DynamoDbException.validation("TransactGetItems can only contain Get actions");
            }
            Table table = table(get);
            Map<String, Value> key = table.key(ValueJson.item(get.get("Key")));
            if (!touched.add(table.definition().name() + "\u0000" + key)) {
                throw DynamoDbException.validation("Transaction request cannot include multiple operations on one item");
            }
            List<io.reembed.local.dynamodb.expression.Path> projection = projection(get, Requests.expressionInput(get));
            Map<String, Value> item = table.get(key);
            ObjectNode one = responses.addObject();
            if (item != null) {
                one.set("Item", ValueJson.write(projection == null ? item : Documents.project(item, projection)));
            }
        }
        return response;
    }

    // ---- writing

    /** Writes to the journal first (one record, so a transaction replays whole or not at all), then to memory. */
    private void apply(List<Write> writes) {
        if (journal != null) {
            ArrayNode records = NODES.arrayNode();
            for (Write write : writes) {
                ObjectNode record = records.addObject().put("table", write.table().definition().name());
                if (write.item() != null) {
                    record.set("put", ValueJson.write(write.item()));
                } else {
                    record.set("delete", ValueJson.write(write.key()));
                }
            }
            ObjectNode entry = NODES.objectNode().put("op", "write");
            entry.set("writes", records);
            journal.append(entry);
        }
        for (Write write : writes) {
            if (write.item() != null) {
                write.table().put(write.item());
            } else {
                write.table().delete(write.key());
            }
        }
        if (journal != null) {
            long live = tables.values().stream().mapToLong(t -> t.items().count() + 1).sum();
            if (journal.worthCompacting(live)) {
                journal.compact(snapshot());
            }
        }
    }

    private List<ObjectNode> snapshot() {
        List<ObjectNode> records = new ArrayList<>();
        for (Table table : tables.values()) {
            ObjectNode create = NODES.objectNode().put("op", "create")
                    .put("created", table.definition().created().toEpochMilli());
            create.set("request", table.definition().request());
            records.add(create);
            Iterator<Map<String, Value>> items = table.items().scan(0, ItemStore.HASH_SPACE, null);
            while (items.hasNext()) {
                ObjectNode write = NODES.objectNode().put("op", "write");
                write.putArray("writes").addObject().put("table", table.definition().name())
                        .set("put", ValueJson.write(items.next()));
                records.add(write);
            }
        }
        return records;
    }

    private void replay(ObjectNode record) {
        switch (record.path("op").asText()) {
            case "create" -> {
                TableDefinition definition = TableDefinition.parse((ObjectNode) record.get("request"),
                        Instant.ofEpochMilli(record.path("created").asLong()), region, account);
                tables.put(definition.name(), new Table(definition));
            }
            case "drop" -> tables.remove(record.path("table").asText());
            case "write" -> {
                for (JsonNode write : record.path("writes")) {
                    Table table = tables.get(write.path("table").asText());
                    if (table == null) {
                        continue;
                    }
                    if (write.has("put")) {
                        table.put(ValueJson.item(write.get("put")));
                    } else {
                        table.delete(ValueJson.item(write.get("delete")));
                    }
                }
            }
            default -> LOG.warnf("DynamoDB emulator: journal record of unknown kind skipped: %s", record.path("op"));
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (journal != null) {
                journal.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static Map<String, String> notImplemented() {
        Map<String, String> operations = new LinkedHashMap<>();
        for (String op : List.of("ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction")) {
            operations.put(op, "PartiQL");
        }
        for (String op : List.of("UpdateTimeToLive", "DescribeTimeToLive")) {
            operations.put(op, "TTL deletion");
        }
        for (String op : List.of("CreateBackup", "DeleteBackup", "DescribeBackup", "ListBackups",
                "RestoreTableFromBackup", "RestoreTableToPointInTime", "DescribeContinuousBackups",
                "UpdateContinuousBackups", "ExportTableToPointInTime", "ImportTable")) {
            operations.put(op, "backups, restores, exports and imports");
        }
        for (String op : List.of("DescribeKinesisStreamingDestination", "EnableKinesisStreamingDestination",
                "DisableKinesisStreamingDestination")) {
            operations.put(op, "streams");
        }
        for (String op : List.of("UpdateTable", "UpdateItemTimeToLive", "CreateGlobalTable", "UpdateGlobalTable",
                "DescribeGlobalTable", "ListGlobalTables", "TagResource", "UntagResource", "ListTagsOfResource",
                "DescribeLimits", "DescribeEndpoints", "UpdateContributorInsights", "DescribeContributorInsights",
                "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy")) {
            operations.put(op, "table administration beyond create, describe, list and delete");
        }
        return Map.copyOf(operations);
    }
}
