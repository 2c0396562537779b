package io.reembed.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Items of Bedrock Chat's conversation table as the catalog reads them: bots, other items, and what is malformed. */
class BotItemParserTest {

    private static Map<String, AttributeValue> item(String pk, String sk) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("PK", AttributeValue.fromS(pk));
        item.put("SK", AttributeValue.fromS(sk));
        return item;
    }

    @Test
    void onlyBotItemsAreBots() {
        assertNull(BotItemParser.parse(item("alice", "alice#CONV#01HABC")), "a conversation");
        assertNull(BotItemParser.parse(item("alice", "alice#BOT_ALIAS#01HABC")), "an alias");
        assertNull(BotItemParser.parse(Map.of("SK", AttributeValue.fromS("alice#BOT#01HABC"))), "no partition key");
    }

    @Test
    void aWellFormedBotIsReadWholeWithItsTimesInSecondsOrMilliseconds() {
        Map<String, AttributeValue> item = item("alice", "alice#BOT#01HBOT");
        item.put("Title", AttributeValue.fromS("Wiki helper"));
        item.put("SyncStatus", AttributeValue.fromS("SUCCEEDED"));
        item.put("LastExecId", AttributeValue.fromS("arn:aws:ecs:us-east-1:1:task/c/abc"));
        item.put("LastBotUsed", AttributeValue.fromN("1764633600000"));
        item.put("PublicBotId", AttributeValue.fromS("01HBOT"));
        item.put("Knowledge", AttributeValue.fromM(Map.of(
                "source_urls", AttributeValue.fromL(List.of(AttributeValue.fromS("https://wiki.example.com"),
                        AttributeValue.fromS(" "))),
                "sitemap_urls", AttributeValue.fromSs(List.of("https://example.com/sitemap.xml")),
                "filenames", AttributeValue.fromNul(true))));
        Bot bot = BotItemParser.parse(item);
        assertEquals("01HBOT", bot.botId());
        assertEquals("Wiki helper", bot.title());
        assertEquals(List.of("https://wiki.example.com"), bot.knowledge().sourceUrls(), "blank entries are no source");
        assertEquals(2, bot.knowledge().total());
        assertEquals(Instant.parse("2025-12-02T00:00:00Z"), bot.lastBotUsed());
        assertTrue(bot.shared());
        assertEquals(List.of(), bot.problems());

        item.put("LastBotUsed", AttributeValue.fromN("1764633600"));
        assertEquals(Instant.parse("2025-12-02T00:00:00Z"), BotItemParser.parse(item).lastBotUsed(), "in seconds too");
    }

    @Test
    void aMalformedFieldIsNamedAsAProblemAndTheRestIsRead() {
        Map<String, AttributeValue> item = item("alice", "alice#BOT#01HBAD");
        item.put("Title", AttributeValue.fromN("42"));
        item.put("SyncStatus", AttributeValue.fromS("EXPLODED"));
        item.put("LastBotUsed", AttributeValue.fromS("yesterday"));
        item.put("Knowledge", AttributeValue.fromS("https://wiki.example.com"));
        Bot bot = BotItemParser.parse(item);
        assertEquals("01HBAD", bot.botId());
        assertNull(bot.title());
        assertNull(bot.lastBotUsed());
        assertEquals(0, bot.knowledge().total());
        assertEquals(List.of("Title is not a string", "SyncStatus has an unknown value", "LastBotUsed is not a number",
                "Knowledge is not a map").stream().sorted().toList(), bot.problems().stream().sorted().toList());
    }
}
