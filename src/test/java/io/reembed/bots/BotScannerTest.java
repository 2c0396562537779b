package io.reembed.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig.Catalog.Source;
import io.reembed.local.BotItems;
import io.reembed.local.ConversationTableSchema;
import io.reembed.local.demo.TableWriter;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads real tables in the DynamoDB emulator, through the SDK, each test its own. */
@QuarkusTest
class BotScannerTest {

    private static final String INDEX = ConversationTableSchema.LAST_BOT_USED_INDEX;

    @Inject
    BotScanner scanner;

    @Inject
    DynamoDbClient dynamo;

    @Test
    void readsOnlyBotsFromTheSparseIndex() {
        String table = newTable(true);
        TableWriter.putAll(dynamo, table, List.of(
                bot("user-a", "BOT1").title("First").build(),
                bot("user-b", "BOT2").title("Second").build(),
                BotItems.alias("user-a", "ALIAS1", "user-b", "BOT2", "Second", 1_700_000_000_000L),
                BotItems.conversation("user-a", "CONV1", "BOT1", "Hello", "{}", 1_700_000_000_000L),
                BotItems.conversation("user-b", "CONV2", null, "Hi", "{}", 1_700_000_000_000L)));

        BotScanner.Result result = scanner.read(table, INDEX, Source.INDEX);

        assertEquals(Set.of("BOT1", "BOT2"), botIds(result));
        assertEquals("index " + INDEX, result.source());
        assertNull(result.note());
        assertEquals(3, result.itemsRead(), "the index holds the two bots and the alias, never a conversation");
    }

    @Test
    void followsEveryPageBeyondOneMegabyte() {
        String table = newTable(true);
        String instruction = "x".repeat(4_000);
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            items.add(bot("user-" + (i % 7), String.format("BOT%04d", i)).put("Instruction", instruction).build());
        }
        TableWriter.putAll(dynamo, table, items);

        BotScanner.Result result = scanner.read(table, INDEX, Source.INDEX);

        assertEquals(400, result.bots().size());
        assertTrue(result.pages() > 1, "1.6 MB of bots cannot come in one page, got " + result.pages());
        BotScanner.Result parallel = scanner.read(table, INDEX, Source.INDEX, 4);
        assertEquals(botIds(result), botIds(parallel), "parallel segments read the same bots");
        assertEquals(400, parallel.bots().size());
    }

    @Test
    void listsBotsWithMissingOrMistypedAttributes() {
        String table = newTable(true);
        TableWriter.putAll(dynamo, table, List.of(
                bot("user-a", "BARE").build(),
                bot("user-a", "ODD").put("Title", AttributeValue.fromN("7"))
                        .put("Knowledge", AttributeValue.fromS("not a map"))
                        .put("SyncStatus", AttributeValue.fromBool(true)).build()));

        Map<String, Bot> bots = scanner.read(table, INDEX, Source.INDEX).bots().stream()
                .collect(Collectors.toMap(Bot::botId, bot -> bot));

        Bot bare = bots.get("BARE");
        assertNull(bare.title());
        assertEquals("(untitled)", bare.displayTitle());
        assertFalse(bare.hasKnowledge());
        assertEquals("NONE", bare.syncStatusLabel());
        assertFalse(bare.malformed());
        Bot odd = bots.get("ODD");
        assertNotNull(odd);
        assertEquals(Set.of("Title is not a string", "Knowledge is not a map", "SyncStatus is not a string"),
                Set.copyOf(odd.problems()));
        assertEquals("ODD", odd.botId(), "a malformed bot is still listed under its key");
    }

    @Test
    void fallsBackToATableScanWhenTheIndexIsMissing() {
        String table = newTable(false);
        TableWriter.putAll(dynamo, table, List.of(
                bot("user-a", "BOT1").build(),
                BotItems.alias("user-a", "ALIAS1", "user-b", "BOT9", "Pinned", 1_700_000_000_000L),
                BotItems.conversation("user-a", "CONV1", "BOT1", "Hello", "{}", 1_700_000_000_000L)));

        BotScanner.Result result = scanner.read(table, INDEX, Source.INDEX);

        assertEquals(Set.of("BOT1"), botIds(result));
        assertEquals("table scan", result.source());
        assertTrue(result.note().contains("has no index " + INDEX), result.note());
        assertEquals(3, result.itemsRead(), "a table scan reads conversations too");
    }

    @Test
    void scansTheTableWhenAskedTo() {
        String table = newTable(true);
        TableWriter.putAll(dynamo, table, List.of(bot("user-a", "BOT1").without("LastBotUsed").build()));

        assertEquals(Set.of(), botIds(scanner.read(table, INDEX, Source.INDEX)),
                "a bot without LastBotUsed is not in the sparse index");
        assertEquals(Set.of("BOT1"), botIds(scanner.read(table, INDEX, Source.SCAN)));
    }

    private static BotItems.Builder bot(String user, String botId) {
        return BotItems.bot(user, botId).lastBotUsed(1_700_000_000_000L);
    }

    private static Set<String> botIds(BotScanner.Result result) {
        return result.bots().stream().map(Bot::botId).collect(Collectors.toSet());
    }

    private String newTable(boolean withIndex) {
        String table = "scanner-test-" + UUID.randomUUID();
        ConversationTableSchema.create(dynamo, table, withIndex);
        return table;
    }
}
