package io.reembed.runs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.reembed.local.dynamodb.DynamoDbEmulatorServer;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.BotState;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.store.RunStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The DynamoDB run store, through the SDK against the console's DynamoDB emulator, a fresh table per test. */
@Execution(ExecutionMode.CONCURRENT)
class DynamoDbRunStoreContractTest extends RunRepositoryContract {

    private static final AtomicInteger TABLES = new AtomicInteger();
    private static DynamoDbEmulatorServer server;
    private static DynamoDbClient dynamo;

    @BeforeAll
    static void startDynamoDb() {
        server = DynamoDbEmulatorServer.start();
        dynamo = server.client();
    }

    @AfterAll
    static void stopDynamoDb() {
        dynamo.close();
        server.close();
    }

    @Override
    RunStore store() {
        RunStore store = new RunStore(dynamo, "reembed-runs-contract-" + TABLES.incrementAndGet());
        store.createTableIfMissing();
        return store;
    }

    @Override
    int runsKept(RunRepository engineView) {
        return ((RunStore) engineView).runsKept();
    }

    @Test
    void itemsWrittenBeforeVersionsTalliesAndAuditItemsAreTakenUpAndWrittenOver() {
        RunStore store = store();
        String table = store.location().substring("DynamoDB table ".length());
        Map<String, AttributeValue> run = new HashMap<>();
        run.put("PK", AttributeValue.fromS("RUNS"));
        run.put("SK", AttributeValue.fromS("r-old"));
        run.put("id", AttributeValue.fromS("r-old"));
        run.put("createdAt", AttributeValue.fromS(NOW.toString()));
        run.put("createdBy", AttributeValue.fromS("alice"));
        run.put("state", AttributeValue.fromS("RUNNING"));
        run.put("cancelRequested", AttributeValue.fromBool(false));
        run.put("total", AttributeValue.fromN("1"));
        run.put("selection", AttributeValue.fromS("1 bot"));
        run.put("ecs", AttributeValue.fromM(Map.of("cluster", AttributeValue.fromS("c"),
                "subnets", AttributeValue.fromL(List.of()), "securityGroups", AttributeValue.fromL(List.of()))));
        run.put("audit", AttributeValue.fromL(List.of(AttributeValue.fromM(Map.of("at", AttributeValue.fromS(NOW.toString()),
                "who", AttributeValue.fromS("alice"), "action", AttributeValue.fromS("started"),
                "detail", AttributeValue.fromS("1 bot"))))));
        dynamo.putItem(b -> b.tableName(table).item(run));
        dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS("RUN#r-old"),
                "SK", AttributeValue.fromS("BOT#user1#user1#BOT#b1"), "pk", AttributeValue.fromS("user1"),
                "sk", AttributeValue.fromS("user1#BOT#b1"), "botId", AttributeValue.fromS("b1"),
                "title", AttributeValue.fromS("Bot 1"), "state", AttributeValue.fromS("QUEUED"),
                "attempt", AttributeValue.fromN("1"), "launchTry", AttributeValue.fromN("0"))));

        RunRepository engine = store.forEngine();
        RunRepository.Taken taken = engine.takeUp("r-old").orElseThrow();
        assertEquals(List.of("started"), taken.run().audit().stream().map(AuditEvent::action).toList());
        assertEquals(RunBot.SOURCES_UNKNOWN, taken.bots().get(0).sources());
        engine.saveBot("r-old", taken.bots().get(0).launching("token"));
        Run cancelled = taken.run().withAudit(new AuditEvent(NOW, "bob", "cancelled", "")).cancelling();
        engine.saveRun(cancelled);

        Run read = store.findRun("r-old").orElseThrow();
        assertEquals(List.of("started", "cancelled"), read.audit().stream().map(AuditEvent::action).toList(),
                "the old inline trail moved to items of its own, once");
        assertTrue(read.cancelRequested());
        assertFalse(dynamo.getItem(b -> b.tableName(table).key(Map.of("PK", AttributeValue.fromS("RUNS"),
                "SK", AttributeValue.fromS("r-old")))).item().containsKey("audit"));
        assertEquals(BotState.LAUNCHING, store.loadBots("r-old").get(0).state());
    }
}
