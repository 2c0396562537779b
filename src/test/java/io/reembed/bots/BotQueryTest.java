package io.reembed.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The bot list's query: what it accepts, what it selects, in which order, and the address that shows it again. */
class BotQueryTest {

    private static Bot bot(String pk, String title, String status, int urls, Instant lastUsed) {
        return new Bot(pk, pk + "#BOT#" + title.hashCode(), "B" + Math.abs(title.hashCode()), title,
                urls == 0 ? KnowledgeSummary.NONE : new KnowledgeSummary(urls, 0, 0), status, null, null, lastUsed,
                false, List.of());
    }

    private static final Bot WIKI = bot("alice", "Wiki helper", "FAILED", 3, Instant.parse("2026-11-01T00:00:00Z"));
    private static final Bot HELPDESK = bot("bob", "Helpdesk", "SUCCEEDED", 1, Instant.parse("2026-11-20T00:00:00Z"));
    private static final Bot BARE = bot("carol", "Chat only", null, 0, null);
    private static final List<Bot> ALL = List.of(WIKI, HELPDESK, BARE);

    @Test
    void valuesAreNormalisedAndTheDefaultsLeftOutOfTheAddress() {
        BotQuery query = BotQuery.of("  wiki ", "failed", "YES", null, null, 0);
        assertEquals("wiki", query.q());
        assertEquals("FAILED", query.status());
        assertEquals("yes", query.knowledge());
        assertEquals("lastUsed", query.sort());
        assertEquals("desc", query.dir(), "most recently used first by default");
        assertEquals(1, query.page());
        assertEquals("/bots?q=wiki&status=FAILED&knowledge=yes&sort=lastUsed&dir=desc", query.href());
        assertEquals("SyncStatus FAILED, with knowledge, text \"wiki\"", query.filterLabel());
        assertEquals("asc", BotQuery.of(null, null, null, "title", null, 1).dir());
        assertEquals(BotQuery.MAX_QUERY_LENGTH, BotQuery.of("x".repeat(5_000), null, null, null, null, 1).q().length());
    }

    @Test
    void anUnknownFilterOrOrderIsRefusedByName() {
        UnknownFilterException status = assertThrows(UnknownFilterException.class,
                () -> BotQuery.of(null, "DONE", null, null, null, 1));
        assertTrue(status.getMessage().contains("SyncStatus"), status.getMessage());
        assertThrows(UnknownFilterException.class, () -> BotQuery.of(null, null, "maybe", null, null, 1));
        assertThrows(UnknownFilterException.class, () -> BotQuery.of(null, null, null, "size", null, 1));
        assertThrows(UnknownFilterException.class, () -> BotQuery.of(null, null, null, null, "up", 1));
    }

    @Test
    void theFilterMatchesTitleOwnerOrIdAndTheStatusAndKnowledgeAsked() {
        StuckBots.Report none = StuckBots.Report.NONE;
        assertEquals(List.of(WIKI), ALL.stream().filter(BotQuery.of("WIKI", null, null, null, null, 1).filter(none)).toList());
        assertEquals(List.of(HELPDESK), ALL.stream().filter(BotQuery.of("bob", null, null, null, null, 1).filter(none)).toList());
        assertEquals(List.of(BARE), ALL.stream().filter(BotQuery.of(null, "NONE", null, null, null, 1).filter(none)).toList());
        assertEquals(List.of(WIKI, HELPDESK), ALL.stream().filter(BotQuery.of(null, null, "yes", null, null, 1)
                .filter(none)).toList());
        assertEquals(List.of(), ALL.stream().filter(BotQuery.of(null, "STUCK", null, null, null, 1).filter(none)).toList(),
                "nothing is stuck before a check found it");
    }

    @Test
    void ordersAreStableAndTheSameColumnAgainFlipsTheDirection() {
        Comparator<Bot> byUse = BotQuery.defaults().comparator();
        assertEquals(List.of(HELPDESK, WIKI, BARE), ALL.stream().sorted(byUse).toList(), "never used last");
        BotQuery byTitle = BotQuery.defaults().sortedBy("title");
        assertEquals(List.of(BARE, HELPDESK, WIKI), ALL.stream().sorted(byTitle.comparator()).toList());
        BotQuery flipped = byTitle.withPage(3).sortedBy("title");
        assertEquals("desc", flipped.dir());
        assertEquals(1, flipped.page(), "a new order starts at the first page");
        assertEquals("▼", flipped.sortMark("title"));
        assertEquals("descending", flipped.ariaSort("title"));
        assertEquals("none", flipped.ariaSort("owner"));
        assertEquals(List.of(WIKI, HELPDESK, BARE), ALL.stream()
                .sorted(BotQuery.of(null, null, null, "knowledge", "desc", 1).comparator()).toList());
    }
}
