package io.reembed.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The DynamoDB emulator held to an independent DynamoDB: the same SDK calls go to the emulator and
 * to moto_server, and their answers (items, their order where DynamoDB defines one, error codes,
 * cancellation reasons, paging keys) must agree. Where moto departs from DynamoDB's documentation
 * the step says so in the documentation's words, and only the emulator's answer is asserted.
 * Without moto_server on the machine the emulator's own expected answers are still asserted.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(5)
class DynamoDbConformanceTest {

    private static final String ITEMS = "conformance-items";
    private static final String NUMBERS = "conformance-numbers";

    private final List<String> differences = new ArrayList<>();
    private int compared;
    private int departures;

    @Test
    void emulatorAnswersAsAnIndependentDynamoDbDoes() throws Exception {
        Optional<Path> moto = MotoServer.executable();
        try (DynamoDbEmulatorServer emulator = DynamoDbEmulatorServer.start();
                DynamoDbClient ours = emulator.client();
                MotoServer server = moto.isPresent() ? MotoServer.start(moto.get()) : null;
                DynamoDbClient theirs = server == null ? null : server.client()) {
            if (theirs == null) {
                System.out.println("moto_server is not installed here: the comparison is skipped; "
                        + "the emulator's own expected answers are still checked");
            }
            Steps steps = new Steps(ours, theirs);
            tables(steps);
            items(steps);
            updates(steps);
            expressionsRefused(steps);
            queries(steps);
            scans(steps);
            batches(steps);
            transactions(steps);
            limits(steps);
            steps.same("delete table", c -> c.deleteTable(b -> b.tableName(NUMBERS)).tableDescription().tableName());
            steps.same("describe deleted table", c -> c.describeTable(b -> b.tableName(NUMBERS)));
            System.out.printf("DynamoDB conformance: %d calls compared with moto_server, %d documented departures "
                    + "of moto checked on the emulator alone%n", compared, departures);
            assertTrue(differences.isEmpty(), "answers that differ from moto_server:\n" + String.join("\n", differences));
        }
    }

    private static void tables(Steps steps) {
        steps.same("create table with LSI and GSI", c -> c.createTable(b -> b.tableName(ITEMS)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("PK", KeyType.HASH), key("SK", KeyType.RANGE))
                .attributeDefinitions(attribute("PK", ScalarAttributeType.S), attribute("SK", ScalarAttributeType.S),
                        attribute("Used", ScalarAttributeType.N), attribute("Gsi", ScalarAttributeType.S))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("UsedIndex")
                        .keySchema(key("PK", KeyType.HASH), key("Used", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("GsiIndex")
                        .keySchema(key("Gsi", KeyType.HASH), key("SK", KeyType.RANGE))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()))
                .tableDescription().tableStatusAsString());
        steps.same("create table with numeric sort key", c -> c.createTable(b -> b.tableName(NUMBERS)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(key("PK", KeyType.HASH), key("N", KeyType.RANGE))
                .attributeDefinitions(attribute("PK", ScalarAttributeType.S), attribute("N", ScalarAttributeType.N)))
                .tableDescription().keySchema().toString());
        steps.same("create an existing table", c -> c.createTable(b -> b.tableName(ITEMS)
                .billingMode(BillingMode.PAY_PER_REQUEST).keySchema(key("PK", KeyType.HASH))
                .attributeDefinitions(attribute("PK", ScalarAttributeType.S))));
        steps.same("describe a missing table", c -> c.describeTable(b -> b.tableName("conformance-missing")));
        steps.same("get from a missing table", c -> c.getItem(b -> b.tableName("conformance-missing")
                .key(Map.of("PK", s("a")))));
        steps.same("describe table", c -> {
            var table = c.describeTable(b -> b.tableName(ITEMS)).table();
            return List.of(table.tableName(), table.keySchema().toString(), table.localSecondaryIndexes().size(),
                    table.globalSecondaryIndexes().size(), table.billingModeSummary().billingModeAsString());
        });
        steps.same("list tables", c -> c.listTables().tableNames().stream()
                .filter(name -> name.startsWith("conformance-")).sorted().toList());
    }

    private static void items(Steps steps) {
        Map<String, AttributeValue> all = new HashMap<>();
        all.put("PK", s("user#1"));
        all.put("SK", s("item#01"));
        all.put("Used", n("100"));
        all.put("Gsi", s("g1"));
        all.put("text", s("hello world"));
        all.put("num", n("42"));
        all.put("bin", AttributeValue.fromB(SdkBytes.fromUtf8String("bytes")));
        all.put("flag", AttributeValue.fromBool(true));
        all.put("nothing", AttributeValue.fromNul(true));
        all.put("map", AttributeValue.fromM(Map.of("a", s("x"), "b", AttributeValue.fromM(Map.of("c", n("1"))))));
        all.put("list", AttributeValue.fromL(List.of(s("zero"), n("1"), s("two"))));
        all.put("strings", AttributeValue.fromSs(List.of("red", "green")));
        all.put("numbers", AttributeValue.fromNs(List.of("1", "2", "3")));
        all.put("binaries", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"))));
        steps.same("put every type", c -> c.putItem(b -> b.tableName(ITEMS).item(all)).attributes());
        steps.same("get every type", c -> c.getItem(b -> b.tableName(ITEMS).key(key1())).item());
        steps.same("get a missing item", c -> c.getItem(b -> b.tableName(ITEMS)
                .key(Map.of("PK", s("user#1"), "SK", s("none")))).hasItem());
        steps.departure("get nested paths", "DynamoDB: a projection expression may name nested attributes and "
                + "list elements, as in Description, RelatedItems[0], ProductReviews.FiveStar (moto 5.2 refuses)",
                "{list=L:[S:two], map=M:{b=M:{c=N:1}}, text=S:hello world}", c -> c.getItem(b -> b.tableName(ITEMS).key(key1())
                .projectionExpression("#m.b.c, #l[2], #t").expressionAttributeNames(Map.of("#m", "map", "#l", "list",
                        "#t", "text"))).item());
        steps.same("put if absent, on an existing item", c -> c.putItem(b -> b.tableName(ITEMS).item(all)
                .conditionExpression("attribute_not_exists(PK)")));
        steps.same("put returning the old item", c -> c.putItem(b -> b.tableName(ITEMS).item(all)
                .returnValues(ReturnValue.ALL_OLD)).attributes());
        for (int i = 2; i <= 6; i++) {
            Map<String, AttributeValue> item = new HashMap<>(Map.of("PK", s("user#1"), "SK", s("item#0" + i),
                    "Used", n(Integer.toString(100 - i * 7)), "Gsi", s(i % 2 == 0 ? "g1" : "g2"),
                    "count", n(Integer.toString(i)), "tags", AttributeValue.fromSs(List.of("t" + i, "common"))));
            if (i == 4) {
                item.remove("Used");
            }
            steps.same("put item " + i, c -> c.putItem(b -> b.tableName(ITEMS).item(item)).attributes());
        }
        for (String number : List.of("10", "9", "100", "-1", "1.5", "-20.25", "0")) {
            steps.same("put number " + number, c -> c.putItem(b -> b.tableName(NUMBERS)
                    .item(Map.of("PK", s("n"), "N", n(number)))).attributes());
        }
        steps.departure("numbers read back normalised",
                "DynamoDB: leading and trailing zeroes are trimmed (Data types, Number)",
                List.of("1.5", "100"), c -> {
                    c.putItem(b -> b.tableName(ITEMS).item(Map.of("PK", s("num"), "SK", s("1"), "v", n("1.50"),
                            "w", n("1.00E+2"))));
                    Map<String, AttributeValue> item = c.getItem(b -> b.tableName(ITEMS)
                            .key(Map.of("PK", s("num"), "SK", s("1")))).item();
                    return List.of(item.get("v").n(), item.get("w").n());
                });
        steps.same("delete returning the old item, condition met", c -> c.deleteItem(b -> b.tableName(ITEMS)
                .key(Map.of("PK", s("num"), "SK", s("1"))).conditionExpression("attribute_exists(v)")
                .returnValues(ReturnValue.ALL_OLD)).attributes().keySet());
        steps.same("delete with a failing condition", c -> c.deleteItem(b -> b.tableName(ITEMS).key(key1())
                .conditionExpression("#n = :v").expressionAttributeNames(Map.of("#n", "num"))
                .expressionAttributeValues(Map.of(":v", n("41")))));
        steps.same("delete a missing item", c -> c.deleteItem(b -> b.tableName(ITEMS)
                .key(Map.of("PK", s("nobody"), "SK", s("x"))).returnValues(ReturnValue.ALL_OLD)).hasAttributes());
    }

    private static void updates(Steps steps) {
        steps.same("update: arithmetic, ADD, REMOVE, DELETE", c -> c.updateItem(b -> b.tableName(ITEMS)
                .key(key1()).updateExpression("SET #n = #n + :one, #new = :s REMOVE flag ADD numbers :more "
                        + "DELETE strings :red")
                .expressionAttributeNames(Map.of("#n", "num", "#new", "fresh"))
                .expressionAttributeValues(Map.of(":one", n("1"), ":s", s("new"),
                        ":more", AttributeValue.fromNs(List.of("4")), ":red", AttributeValue.fromSs(List.of("red"))))
                .returnValues(ReturnValue.ALL_NEW)).attributes());
        steps.same("update: UPDATED_OLD", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET #n = :v").expressionAttributeNames(Map.of("#n", "num"))
                .expressionAttributeValues(Map.of(":v", n("7"))).returnValues(ReturnValue.UPDATED_OLD)).attributes());
        steps.same("update: UPDATED_NEW", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET #n = :v").expressionAttributeNames(Map.of("#n", "num"))
                .expressionAttributeValues(Map.of(":v", n("8"))).returnValues(ReturnValue.UPDATED_NEW)).attributes());
        steps.same("update: list_append and if_not_exists", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET #l = list_append(#l, :more), #c = if_not_exists(#c, :zero), #m.b.c = :two")
                .expressionAttributeNames(Map.of("#l", "list", "#c", "counter", "#m", "map"))
                .expressionAttributeValues(Map.of(":more", AttributeValue.fromL(List.of(s("three"))),
                        ":zero", n("0"), ":two", n("2")))
                .returnValues(ReturnValue.ALL_NEW)).attributes());
        steps.departure("update: set a list element", "DynamoDB: UPDATED_NEW returns only the updated attributes, "
                + "as they appear after the UpdateItem operation: the element written, not the whole list "
                + "(moto 5.2 returns the whole top-level attribute)", "{list=L:[S:ZERO]}",
                c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET #l[0] = :first").expressionAttributeNames(Map.of("#l", "list"))
                .expressionAttributeValues(Map.of(":first", s("ZERO"))).returnValues(ReturnValue.UPDATED_NEW))
                .attributes());
        steps.same("update: remove a list element", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("REMOVE #l[1]").expressionAttributeNames(Map.of("#l", "list"))
                .returnValues(ReturnValue.ALL_NEW)).attributes().get("list"));
        steps.same("update creates a missing item", c -> c.updateItem(b -> b.tableName(ITEMS)
                .key(Map.of("PK", s("user#2"), "SK", s("new"))).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", s("x"))).returnValues(ReturnValue.ALL_NEW)).attributes());
        steps.same("update with a failing condition", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET v = :v").conditionExpression("attribute_not_exists(PK)")
                .expressionAttributeValues(Map.of(":v", s("x")))));
        steps.same("update a key attribute", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET SK = :v").expressionAttributeValues(Map.of(":v", s("x")))));
        steps.same("update: add a number to a string", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET #t = #t + :one").expressionAttributeNames(Map.of("#t", "text"))
                .expressionAttributeValues(Map.of(":one", n("1")))));
        steps.same("update: a path into a missing map", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET nomap.inner = :v").expressionAttributeValues(Map.of(":v", s("x")))));
        steps.departure("update: two overlapping paths", "DynamoDB: Two document paths overlap with each other; "
                + "must remove or rewrite one of these paths (moto 5.2 applies both)", "ValidationException",
                c -> c.updateItem(b -> b.tableName(ITEMS).key(scratch())
                .updateExpression("SET #m = :v, #m.a = :v").expressionAttributeNames(Map.of("#m", "map"))
                .expressionAttributeValues(Map.of(":v", s("x")))));
        steps.same("update: SET used twice", c -> c.updateItem(b -> b.tableName(ITEMS).key(key1())
                .updateExpression("SET a = :v SET b = :v").expressionAttributeValues(Map.of(":v", s("x")))));
        steps.departure("update: index key of the wrong type", "DynamoDB: Type mismatch for Index Key (moto 5.2 "
                + "writes it)", "ValidationException", c -> c.updateItem(b -> b.tableName(ITEMS).key(scratch())
                .updateExpression("SET #u = :v").expressionAttributeNames(Map.of("#u", "Used"))
                .expressionAttributeValues(Map.of(":v", s("not a number")))));
        steps.same("conditions: AND, OR, NOT, IN, BETWEEN, functions", c -> c.updateItem(b -> b.tableName(ITEMS)
                .key(key1()).updateExpression("SET checked = :yes")
                .conditionExpression("(#n BETWEEN :lo AND :hi OR #t = :no) AND NOT attribute_exists(missing) AND "
                        + "begins_with(#t, :he) AND contains(#t, :wor) AND contains(numbers, :two) AND "
                        + "attribute_type(#m, :M) AND size(#l) >= :two AND #g IN (:g0, :g1)")
                .expressionAttributeNames(Map.of("#n", "num", "#t", "text", "#m", "map", "#l", "list", "#g", "Gsi"))
                .expressionAttributeValues(Map.ofEntries(Map.entry(":yes", AttributeValue.fromBool(true)),
                        Map.entry(":lo", n("1")), Map.entry(":hi", n("10")), Map.entry(":no", s("no")),
                        Map.entry(":he", s("he")), Map.entry(":wor", s("wor")), Map.entry(":two", n("2")),
                        Map.entry(":M", s("M")), Map.entry(":g0", s("g0")), Map.entry(":g1", s("g1"))))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes());
        steps.same("condition: precedence of NOT over AND over OR", c -> c.updateItem(b -> b.tableName(ITEMS)
                .key(key1()).updateExpression("SET prec = :yes")
                .conditionExpression("attribute_exists(missing) AND attribute_exists(missing) OR NOT attribute_exists(missing)")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes());
        steps.same("condition: <> on a missing attribute", c -> c.updateItem(b -> b.tableName(ITEMS)
                .key(key1()).updateExpression("SET ne = :yes").conditionExpression("missing <> :yes")
                .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true)))
                .returnValues(ReturnValue.UPDATED_NEW)).attributes());
    }

    private static void expressionsRefused(Steps steps) {
        steps.same("reserved word without #", c -> c.getItem(b -> b.tableName(ITEMS).key(key1())
                .projectionExpression("name")));
        steps.departure("undefined #name", "DynamoDB: An expression attribute name used in the document path is "
                + "not defined (moto 5.2 answers an empty item)", "ValidationException",
                c -> c.getItem(b -> b.tableName(ITEMS).key(key1())
                .projectionExpression("#nope")));
        steps.same("unused #name", c -> c.getItem(b -> b.tableName(ITEMS).key(key1())
                .projectionExpression("#t").expressionAttributeNames(Map.of("#t", "text", "#u", "unused"))));
        steps.same("undefined :value", c -> c.putItem(b -> b.tableName(ITEMS).item(key1())
                .conditionExpression("text = :nope")));
        steps.departure("unused :value", "DynamoDB: Value provided in ExpressionAttributeValues unused in "
                + "expressions (moto 5.2 writes the item)", "ValidationException",
                c -> c.putItem(b -> b.tableName(ITEMS).item(scratch())
                .conditionExpression("attribute_exists(PK)").expressionAttributeValues(Map.of(":u", s("x")))));
        steps.departure("syntax error", "DynamoDB: ValidationException, Invalid ConditionExpression: Syntax error "
                + "(moto 5.2 answers an error the SDK cannot read)", "ValidationException",
                c -> c.putItem(b -> b.tableName(ITEMS).item(key1())
                .conditionExpression("attribute_exists(PK) AND")));
        steps.same("unknown function", c -> c.putItem(b -> b.tableName(ITEMS).item(key1())
                .conditionExpression("exists(PK)")));
        steps.departure("expression values without expression", "DynamoDB: ExpressionAttributeValues can only be "
                + "specified when using expressions (moto 5.2 ignores them)", "ValidationException", c -> c.deleteItem(b -> b.tableName(ITEMS)
                .key(Map.of("PK", s("nobody"), "SK", s("x"))).expressionAttributeValues(Map.of(":v", s("x")))));
        steps.same("empty string key", c -> c.putItem(b -> b.tableName(ITEMS)
                .item(Map.of("PK", s(""), "SK", s("x")))));
        steps.same("missing key attribute", c -> c.putItem(b -> b.tableName(ITEMS).item(Map.of("PK", s("x")))));
        steps.same("key attribute of the wrong type in PutItem", c -> c.putItem(b -> b.tableName(ITEMS)
                .item(Map.of("PK", n("1"), "SK", s("x")))));
        steps.departure("key attribute of the wrong type in GetItem",
                "DynamoDB: The provided key element does not match the schema (moto 5.2 accepts it)",
                "ValidationException", c -> c.getItem(b -> b.tableName(ITEMS).key(Map.of("PK", n("1"), "SK", s("x")))));
        steps.same("item over 400 KB", c -> c.putItem(b -> b.tableName(ITEMS).item(Map.of("PK", s("big"),
                "SK", s("big"), "blob", s("x".repeat(410 * 1024))))));
        steps.departure("number with 39 digits", "DynamoDB: numbers can have up to 38 digits of precision (moto 5.2 "
                + "stores it)", "ValidationException", c -> c.putItem(b -> b.tableName(ITEMS).item(Map.of("PK", s("scratch"),
                "SK", s("scratch"), "n", n("1" + "0".repeat(37) + "1")))));
        steps.cleanUp(c -> c.deleteItem(b -> b.tableName(ITEMS).key(scratch())));
        steps.same("empty set", c -> c.putItem(b -> b.tableName(ITEMS).item(Map.of("PK", s("x"),
                "SK", s("x"), "ss", AttributeValue.builder().ss(List.of()).build()))));
    }

    private static void queries(Steps steps) {
        steps.same("query a partition", c -> items(c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p").expressionAttributeValues(Map.of(":p", s("user#1"))))));
        steps.same("query backwards, BETWEEN", c -> items(c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p AND SK BETWEEN :a AND :b").scanIndexForward(false)
                .expressionAttributeValues(Map.of(":p", s("user#1"), ":a", s("item#02"), ":b", s("item#05"))))));
        steps.same("query begins_with", c -> items(c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p AND begins_with(SK, :pre)")
                .expressionAttributeValues(Map.of(":p", s("user#1"), ":pre", s("item#0"))))));
        steps.same("query <", c -> items(c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p AND SK < :s")
                .expressionAttributeValues(Map.of(":p", s("user#1"), ":s", s("item#03"))))));
        steps.same("query pages of 4", c -> pages(c, ITEMS, null, 4));
        steps.departure("query a limit that ends the partition", "DynamoDB: If LastEvaluatedKey is not empty, it "
                + "does not necessarily mean that there is more data in the result set (a page that reaches the Limit "
                + "names its last item; moto 5.2 looks ahead)", List.of(1, true), c -> {
            QueryResponse page = c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p")
                    .expressionAttributeValues(Map.of(":p", s("user#2"))).limit(1));
            return List.of(page.count(), page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty());
        });
        steps.same("query COUNT with a filter", c -> {
            QueryResponse response = c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p")
                    .filterExpression("#c >= :two").expressionAttributeNames(Map.of("#c", "count"))
                    .expressionAttributeValues(Map.of(":p", s("user#1"), ":two", n("3"))).select(Select.COUNT));
            return List.of(response.count(), response.scannedCount(), response.hasItems() && !response.items().isEmpty());
        });
        steps.same("query numbers by value", c -> items(c.query(b -> b.tableName(NUMBERS)
                .keyConditionExpression("PK = :p").expressionAttributeValues(Map.of(":p", s("n"))))));
        steps.same("query numbers > -1", c -> items(c.query(b -> b.tableName(NUMBERS)
                .keyConditionExpression("PK = :p AND N > :v").expressionAttributeValues(Map.of(":p", s("n"),
                        ":v", n("-1"))))));
        steps.same("query the sparse local index", c -> items(c.query(b -> b.tableName(ITEMS).indexName("UsedIndex")
                .keyConditionExpression("PK = :p").expressionAttributeValues(Map.of(":p", s("user#1"))))));
        steps.same("query the sparse local index in pages", c -> pages(c, ITEMS, "UsedIndex", 2));
        steps.same("query the global index", c -> items(c.query(b -> b.tableName(ITEMS).indexName("GsiIndex")
                .keyConditionExpression("Gsi = :g").expressionAttributeValues(Map.of(":g", s("g1"))))));
        steps.same("query with a projection", c -> items(c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p").projectionExpression("SK, #c")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":p", s("user#1"))))));
        steps.departure("query an unknown index", "DynamoDB: ValidationException, The table does not have the "
                + "specified index (moto 5.2 answers ResourceNotFoundException)", "ValidationException", c -> c.query(b -> b.tableName(ITEMS).indexName("NoIndex")
                .keyConditionExpression("PK = :p").expressionAttributeValues(Map.of(":p", s("user#1")))));
        steps.same("query without the partition key", c -> c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("SK = :s").expressionAttributeValues(Map.of(":s", s("x")))));
        steps.departure("query with OR", "DynamoDB: ValidationException, Invalid operator used in "
                + "KeyConditionExpression: OR (moto 5.2 answers an error the SDK cannot read)", "ValidationException",
                c -> c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p OR SK = :s")
                .expressionAttributeValues(Map.of(":p", s("user#1"), ":s", s("x")))));
        steps.departure("query a key of the wrong type", "DynamoDB: Condition parameter type does not match schema "
                + "type (moto 5.2 answers no items)", "ValidationException", c -> c.query(b -> b.tableName(ITEMS)
                .keyConditionExpression("PK = :p").expressionAttributeValues(Map.of(":p", n("1")))));
        steps.same("consistent read on a global index", c -> c.query(b -> b.tableName(ITEMS).indexName("GsiIndex")
                .consistentRead(true).keyConditionExpression("Gsi = :g")
                .expressionAttributeValues(Map.of(":g", s("g1")))));
        steps.departure("a key attribute in a Query's filter",
                "DynamoDB: Filter Expression can only contain non-primary key attributes (moto 5.2 accepts it)",
                "ValidationException", c -> c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p")
                        .filterExpression("SK = :s").expressionAttributeValues(Map.of(":p", s("user#1"),
                                ":s", s("item#02")))));
        steps.same("consumed capacity asked", c -> c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p")
                .returnConsumedCapacity("TOTAL").expressionAttributeValues(Map.of(":p", s("user#1"))))
                .consumedCapacity().tableName());
    }

    private static void scans(Steps steps) {
        steps.same("scan with a filter (as a set)", c -> new TreeSet<>(canonItems(c.scan(b -> b.tableName(ITEMS)
                .filterExpression("contains(tags, :t) AND NOT #c IN (:three, :five)")
                .expressionAttributeNames(Map.of("#c", "count"))
                .expressionAttributeValues(Map.of(":t", s("common"), ":three", n("3"), ":five", n("5")))).items())));
        steps.same("scan in 4 segments: every item once", c -> {
            List<String> seen = new ArrayList<>();
            for (int segment = 0; segment < 4; segment++) {
                int at = segment;
                Map<String, AttributeValue> start = null;
                do {
                    Map<String, AttributeValue> from = start;
                    ScanResponse page = c.scan(b -> b.tableName(ITEMS).segment(at).totalSegments(4).limit(2)
                            .exclusiveStartKey(from));
                    seen.addAll(canonItems(page.items()));
                    start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
                } while (start != null);
            }
            List<String> all = canonItems(c.scan(b -> b.tableName(ITEMS)).items());
            return List.of(seen.size(), new TreeSet<>(seen).equals(new TreeSet<>(all)), all.size());
        });
        steps.same("scan a segment beyond the total", c -> c.scan(b -> b.tableName(ITEMS).segment(4).totalSegments(4)));
        steps.same("scan a segment without a total", c -> c.scan(b -> b.tableName(ITEMS).segment(1)));
        steps.same("scan the sparse index (as a set)", c -> new TreeSet<>(canonItems(c.scan(b -> b.tableName(ITEMS)
                .indexName("UsedIndex")).items())));
        steps.same("scan COUNT", c -> c.scan(b -> b.tableName(ITEMS).select(Select.COUNT)).count());
    }

    private static void batches(Steps steps) {
        List<WriteRequest> puts = IntStream.range(0, 25).mapToObj(i -> WriteRequest.builder().putRequest(
                PutRequest.builder().item(Map.of("PK", s("batch"), "SK", s(String.format("%03d", i)))).build()).build())
                .toList();
        steps.same("batch write 25", c -> c.batchWriteItem(b -> b.requestItems(Map.of(ITEMS, puts))).unprocessedItems());
        List<WriteRequest> tooMany = new ArrayList<>(puts);
        tooMany.add(WriteRequest.builder().putRequest(PutRequest.builder()
                .item(Map.of("PK", s("batch"), "SK", s("999"))).build()).build());
        steps.departure("batch write 26", "DynamoDB: a single call to BatchWriteItem can ... comprise as many as 25 "
                + "put or delete requests (moto 5.2 writes 26)", "ValidationException",
                c -> c.batchWriteItem(b -> b.requestItems(Map.of(ITEMS, tooMany))));
        steps.cleanUp(c -> c.deleteItem(b -> b.tableName(ITEMS).key(Map.of("PK", s("batch"), "SK", s("999")))));
        List<WriteRequest> twice = List.of(puts.get(0), puts.get(0));
        steps.same("batch write one key twice", c -> c.batchWriteItem(b -> b.requestItems(Map.of(ITEMS, twice))));
        steps.same("batch get, one missing", c -> new TreeSet<>(canonItems(c.batchGetItem(b -> b.requestItems(Map.of(ITEMS,
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(
                        Map.of("PK", s("batch"), "SK", s("001")), Map.of("PK", s("batch"), "SK", s("002")),
                        Map.of("PK", s("batch"), "SK", s("nope"))).build()))).responses().get(ITEMS))));
        steps.same("batch get one key twice", c -> c.batchGetItem(b -> b.requestItems(Map.of(ITEMS,
                software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(
                        Map.of("PK", s("batch"), "SK", s("001")), Map.of("PK", s("batch"), "SK", s("001"))).build()))));
        steps.same("query the batch in pages of 10", c -> pagesOf(c, "batch", 10));
    }

    private static void transactions(Steps steps) {
        TransactWriteItem put = TransactWriteItem.builder().put(Put.builder().tableName(ITEMS)
                .item(Map.of("PK", s("tx"), "SK", s("a"), "v", n("1"))).build()).build();
        TransactWriteItem update = TransactWriteItem.builder().update(Update.builder().tableName(ITEMS)
                .key(Map.of("PK", s("tx"), "SK", s("b"))).updateExpression("SET v = :v")
                .expressionAttributeValues(Map.of(":v", n("2"))).build()).build();
        steps.same("transaction of a put and an update", c -> c.transactWriteItems(b -> b.transactItems(put, update))
                .sdkHttpResponse().isSuccessful());
        TransactWriteItem failingCheck = TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
                .tableName(ITEMS).key(Map.of("PK", s("tx"), "SK", s("a"))).conditionExpression("v = :two")
                .expressionAttributeValues(Map.of(":two", n("2"))).build()).build();
        TransactWriteItem another = TransactWriteItem.builder().put(Put.builder().tableName(ITEMS)
                .item(Map.of("PK", s("tx"), "SK", s("c"))).build()).build();
        steps.same("transaction cancelled by a condition", c -> c.transactWriteItems(b -> b.transactItems(another,
                failingCheck)));
        steps.same("nothing of a cancelled transaction written", c -> c.getItem(b -> b.tableName(ITEMS)
                .key(Map.of("PK", s("tx"), "SK", s("c")))).hasItem());
        steps.same("transaction naming one item twice", c -> c.transactWriteItems(b -> b.transactItems(put, put)));
        steps.same("transactional get", c -> c.transactGetItems(b -> b.transactItems(
                software.amazon.awssdk.services.dynamodb.model.TransactGetItem.builder().get(g -> g.tableName(ITEMS)
                        .key(Map.of("PK", s("tx"), "SK", s("a")))).build(),
                software.amazon.awssdk.services.dynamodb.model.TransactGetItem.builder().get(g -> g.tableName(ITEMS)
                        .key(Map.of("PK", s("tx"), "SK", s("zz")))).build())).responses().stream()
                .map(r -> r.hasItem() ? canon(r.item()) : "none").toList());
    }

    private static void limits(Steps steps) {
        steps.departure("limit of 0", "DynamoDB: Limit must have value greater than or equal to 1 (moto 5.2 "
                + "answers an error the SDK cannot read)", "ValidationException", c -> c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p").limit(0)
                .expressionAttributeValues(Map.of(":p", s("user#1")))));
        steps.same("pages end at 1 MB", c -> {
            String blob = "x".repeat(300 * 1024);
            for (int i = 0; i < 5; i++) {
                int n = i;
                c.putItem(b -> b.tableName(ITEMS).item(Map.of("PK", s("large"), "SK", s("l" + n), "blob", s(blob))));
            }
            QueryResponse first = c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p")
                    .projectionExpression("SK").expressionAttributeValues(Map.of(":p", s("large"))));
            return List.of(first.count() < 5, first.hasLastEvaluatedKey() && !first.lastEvaluatedKey().isEmpty());
        });
    }

    // ---- helpers

    private static Object pages(DynamoDbClient c, String table, String index, int size) {
        List<Object> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = c.query(b -> b.tableName(table).indexName(index).keyConditionExpression("PK = :p")
                    .expressionAttributeValues(Map.of(":p", s("user#1"))).limit(size).exclusiveStartKey(from));
            pages.add(List.of(canonItems(page.items()), page.hasLastEvaluatedKey() ? canon(page.lastEvaluatedKey()) : ""));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && pages.size() < 20);
        return pages;
    }

    private static Object pagesOf(DynamoDbClient c, String partition, int size) {
        List<Object> pages = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = c.query(b -> b.tableName(ITEMS).keyConditionExpression("PK = :p")
                    .expressionAttributeValues(Map.of(":p", s(partition))).limit(size).exclusiveStartKey(from));
            pages.add(List.of(page.count(), page.hasLastEvaluatedKey() ? canon(page.lastEvaluatedKey()) : ""));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null && pages.size() < 20);
        return pages;
    }

    private static List<String> items(QueryResponse response) {
        return canonItems(response.items());
    }

    private static List<String> canonItems(List<Map<String, AttributeValue>> items) {
        return items.stream().map(DynamoDbConformanceTest::canon).toList();
    }

    /** An item in one canonical text: attributes sorted, numbers by value, sets as sorted sets. */
    static String canon(Map<String, AttributeValue> item) {
        Map<String, String> sorted = new TreeMap<>();
        item.forEach((name, value) -> sorted.put(name, canon(value)));
        return sorted.toString();
    }

    private static String canon(AttributeValue value) {
        return switch (value.type()) {
            case S -> "S:" + value.s();
            case N -> "N:" + new BigDecimal(value.n()).stripTrailingZeros().toPlainString();
            case B -> "B:" + java.util.Base64.getEncoder().encodeToString(value.b().asByteArray());
            case BOOL -> "BOOL:" + value.bool();
            case NUL -> "NULL";
            case M -> "M:" + canon(value.m());
            case L -> "L:" + value.l().stream().map(DynamoDbConformanceTest::canon).toList();
            case SS -> "SS:" + new TreeSet<>(value.ss());
            case NS -> "NS:" + value.ns().stream().map(n -> new BigDecimal(n).stripTrailingZeros().toPlainString())
                    .collect(Collectors.toCollection(TreeSet::new));
            case BS -> "BS:" + value.bs().stream().map(b -> java.util.Base64.getEncoder().encodeToString(b.asByteArray())).collect(Collectors.toCollection(TreeSet::new));
            default -> "?" + value;
        };
    }

    /** A key no other step reads: departures whose call moto wrongly applies write here. */
    private static Map<String, AttributeValue> scratch() {
        return Map.of("PK", s("scratch"), "SK", s("scratch"));
    }

    private static Map<String, AttributeValue> key1() {
        return Map.of("PK", s("user#1"), "SK", s("item#01"));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }

    private static AttributeDefinition attribute(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    /** Runs each step on both DynamoDBs and compares what they answered. */
    private final class Steps {
        private final DynamoDbClient ours;
        private final DynamoDbClient theirs;

        Steps(DynamoDbClient ours, DynamoDbClient theirs) {
            this.ours = ours;
            this.theirs = theirs;
        }

        void same(String name, Function<DynamoDbClient, Object> call) {
            String mine = outcome(ours, call);
            if (theirs == null) {
                return;
            }
            String other = outcome(theirs, call);
            compared++;
            if (!mine.equals(other)) {
                differences.add(name + ":\n  emulator: " + mine + "\n  moto:     " + other);
            }
        }

        /** Runs on both, compares nothing: undoes what a departure left in moto. */
        void cleanUp(Function<DynamoDbClient, Object> call) {
            outcome(ours, call);
            if (theirs != null) {
                outcome(theirs, call);
            }
        }

        /** A step where moto departs from DynamoDB's documentation: the emulator must answer as documented. */
        void departure(String name, String documentation, Object expected, Function<DynamoDbClient, Object> call) {
            String mine = outcome(ours, call);
            String wanted = expected instanceof String code && !code.startsWith("{") ? "error " + code
                    : normalise(expected);
            assertEquals(wanted, mine.startsWith("error ") ? mine.substring(0, mine.indexOf(':') < 0 ? mine.length()
                    : mine.indexOf(':')) : mine, name + " (" + documentation + ")");
            if (theirs != null) {
                outcome(theirs, call);
                departures++;
            }
        }
    }

    private static String outcome(DynamoDbClient client, Function<DynamoDbClient, Object> call) {
        try {
            return normalise(call.apply(client));
        } catch (TransactionCanceledException e) {
            return "error TransactionCanceledException: " + e.cancellationReasons().stream()
                    .map(CancellationReason::code).toList();
        } catch (DynamoDbException e) {
            return "error " + e.awsErrorDetails().errorCode();
        }
    }

    @SuppressWarnings("unchecked")
    private static String normalise(Object result) {
        if (result instanceof Map<?, ?> map && (map.isEmpty() || map.values().iterator().next() instanceof AttributeValue)) {
            return canon((Map<String, AttributeValue>) map);
        }
        if (result instanceof AttributeValue value) {
            return canon(value);
        }
        if (result instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>(map);
            return new TreeMap<>(copy.entrySet().stream().collect(Collectors.toMap(e -> String.valueOf(e.getKey()),
                    e -> normalise(e.getValue())))).toString();
        }
        return String.valueOf(result);
    }
}
