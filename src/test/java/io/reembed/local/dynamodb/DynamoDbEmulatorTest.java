package io.reembed.local.dynamodb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The emulator's own guarantees, through the SDK: the journal, atomic conditions, what it refuses. */
@Execution(ExecutionMode.CONCURRENT)
class DynamoDbEmulatorTest {

    private static final String TABLE = "emulator-test";

    @TempDir
    Path dataDir;

    @Test
    void answeredWritesSurviveACrashAndATornLastRecordIsDropped() throws Exception {
        DynamoDbEmulator first = emulator(Optional.of(dataDir));
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(first)) {
            create(dynamo);
            for (int i = 0; i < 50; i++) {
                put(dynamo, "k" + i, i);
            }
            dynamo.deleteItem(b -> b.tableName(TABLE).key(Map.of("PK", s("k7"))));
            dynamo.updateItem(b -> b.tableName(TABLE).key(Map.of("PK", s("k8"))).updateExpression("ADD n :one")
                    .expressionAttributeValues(Map.of(":one", n("1"))));
        }
        // A kill -9 mid-write: the emulator is never closed, and the journal ends in half a record.
        Files.writeString(dataDir.resolve(DynamoDbJournal.FILE), "{\"op\":\"write\",\"writes\":[{\"tab",
                StandardCharsets.UTF_8, StandardOpenOption.APPEND);

        DynamoDbEmulator second = emulator(Optional.of(dataDir));
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(second)) {
            assertEquals(49, dynamo.scan(b -> b.tableName(TABLE)).count());
            assertFalse(dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("k7")))).hasItem());
            assertEquals("9", dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("k8")))).item().get("n").n());
            put(dynamo, "after", 1);
        }
        second.close();
        DynamoDbEmulator third = emulator(Optional.of(dataDir));
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(third)) {
            assertEquals(50, dynamo.scan(b -> b.tableName(TABLE)).count(), "the torn record was cut off, not kept");
        }
        third.close();
    }

    @Test
    void theJournalIsCompactedAndStillHoldsTheLiveItems() throws Exception {
        // Compacted past 500 records here (5,000 in the console): the same rule, a tenth of the writes.
        DynamoDbEmulator emulator = new DynamoDbEmulator(new ObjectMapper(), "us-east-1", "123456789012",
                Optional.of(dataDir), Clock.systemUTC(), 500);
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(emulator)) {
            create(dynamo);
            for (int i = 0; i < 600; i++) {
                put(dynamo, "k" + (i % 10), i);
            }
        }
        emulator.close();
        long lines = Files.readAllLines(dataDir.resolve(DynamoDbJournal.FILE)).size();
        assertTrue(lines < 200, "600 writes of 10 items compacted: " + lines + " records");
        DynamoDbEmulator again = emulator(Optional.of(dataDir));
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(again)) {
            assertEquals(10, dynamo.scan(b -> b.tableName(TABLE)).count());
            assertEquals("599", dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("k9")))).item().get("n").n());
        }
        again.close();
    }

    @Test
    void concurrentConditionalWritersLoseNoUpdate() throws Exception {
        DynamoDbEmulator emulator = emulator(Optional.empty());
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(emulator)) {
            create(dynamo);
            put(dynamo, "counter", 0);
            AtomicInteger won = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                writers.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        while (true) {
                            String seen = dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("counter"))))
                                    .item().get("n").n();
                            try {
                                dynamo.updateItem(b -> b.tableName(TABLE).key(Map.of("PK", s("counter")))
                                        .updateExpression("SET n = n + :one").conditionExpression("n = :seen")
                                        .expressionAttributeValues(Map.of(":one", n("1"), ":seen", n(seen))));
                                won.incrementAndGet();
                                break;
                            } catch (ConditionalCheckFailedException lost) {
                                // another writer came first: read again
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
            assertEquals(400, won.get());
            assertEquals("400", dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("counter")))).item()
                    .get("n").n());
        }
    }

    @Test
    void aFailedConditionCanReturnTheItemAndNumbersReadBackAsDynamoDbKeepsThem() {
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(emulator(Optional.empty()))) {
            create(dynamo);
            dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("PK", s("a"), "n", n("1.50"), "big", n("12345678901234567890123456789012345678"),
                    "tiny", n("-0.000100"))));
            Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(TABLE).key(Map.of("PK", s("a")))).item();
            assertEquals("1.5", item.get("n").n());
            assertEquals("12345678901234567890123456789012345678", item.get("big").n());
            assertEquals("-0.0001", item.get("tiny").n());
            ConditionalCheckFailedException failed = assertThrows(ConditionalCheckFailedException.class,
                    () -> dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("PK", s("a")))
                            .conditionExpression("attribute_not_exists(PK)")
                            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));
            assertEquals("1.5", failed.item().get("n").n());
        }
    }

    @Test
    void whatTheEmulatorDoesNotImplementIsRefusedInWords() {
        try (DynamoDbClient dynamo = DemoDynamoDb.inProcessClient(emulator(Optional.empty()))) {
            DynamoDbException partiQl = assertThrows(DynamoDbException.class,
                    () -> dynamo.executeStatement(b -> b.statement("SELECT * FROM x")));
            assertTrue(partiQl.getMessage().contains("does not implement ExecuteStatement (PartiQL)"), partiQl.getMessage());
            DynamoDbException ttl = assertThrows(DynamoDbException.class, () -> dynamo.updateTimeToLive(b -> b
                    .tableName(TABLE).timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true))));
            assertTrue(ttl.getMessage().contains("TTL"), ttl.getMessage());
            DynamoDbException backup = assertThrows(DynamoDbException.class,
                    () -> dynamo.createBackup(b -> b.tableName(TABLE).backupName("b")));
            assertTrue(backup.getMessage().contains("backups"), backup.getMessage());
        }
    }

    private static DynamoDbEmulator emulator(Optional<Path> dir) {
        return new DynamoDbEmulator(new ObjectMapper(), "us-east-1", "123456789012", dir, Clock.systemUTC());
    }

    private static void create(DynamoDbClient dynamo) {
        dynamo.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .keySchema(KeySchemaElement.builder().attributeName("PK").keyType(KeyType.HASH).build())
                .attributeDefinitions(AttributeDefinition.builder().attributeName("PK")
                        .attributeType(ScalarAttributeType.S).build()));
    }

    private static void put(DynamoDbClient dynamo, String key, int value) {
        dynamo.putItem(b -> b.tableName(TABLE).item(Map.of("PK", s(key), "n", n(Integer.toString(value)))));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    private static AttributeValue n(String value) {
        return AttributeValue.fromN(value);
    }
}
