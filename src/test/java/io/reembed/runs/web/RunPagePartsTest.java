package io.reembed.runs.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What an update carries: the parts and rows that changed, the order when it changed, ticking parts only along. */
class RunPagePartsTest {

    @Test
    void aNewPageGetsEverythingInOrder() {
        Page page = new Page().part("status", "S1").part("stamp", "T1").part("figures", "F1")
                .row("bot-a", "A1").row("bot-b", "B1");
        RunPageUpdate update = page.parts().since(null, false);
        assertEquals("S1T1F1", update.parts());
        assertEquals(List.of("bot-a", "bot-b"), update.order());
        assertEquals("A1" + log("a") + "B1" + log("b"), update.rows(), "new rows come with their log rows");
    }

    @Test
    void onlyWhatChangedIsSentWithTheTickingPartsAlong() {
        RunPageParts before = new Page().part("status", "S1").part("pager", "P1").part("stamp", "T1")
                .row("bot-a", "A1").row("bot-b", "B1").parts();
        RunPageParts after = new Page().part("status", "S2").part("pager", "P1").part("stamp", "T2")
                .row("bot-a", "A1").row("bot-b", "B2").parts();
        RunPageUpdate update = after.since(before, false);
        assertEquals("S2T2", update.parts(), "the changed part, then the stamp; never the unchanged pager");
        assertNull(update.order(), "the same rows in the same order: no order sent");
        assertEquals("B2", update.rows(), "a changed row alone: the page keeps its log row");
    }

    @Test
    void aMovedOrNewRowSendsTheOrderAndOnlyTheNewRowsMarkup() {
        RunPageParts before = new Page().part("status", "S").row("bot-a", "A").row("bot-b", "B").parts();
        RunPageParts after = new Page().part("status", "S").row("bot-b", "B").row("bot-c", "C").row("bot-a", "A").parts();
        RunPageUpdate update = after.since(before, false);
        assertEquals(List.of("bot-b", "bot-c", "bot-a"), update.order());
        assertEquals("C" + log("c"), update.rows(), "rows the page has keep their markup");
        assertEquals("", update.parts());
    }

    @Test
    void tickingPartsAloneWaitForTheBeat() {
        RunPageParts before = new Page().part("status", "S").part("stamp", "T1").part("figures", "F1").parts();
        RunPageParts after = new Page().part("status", "S").part("stamp", "T2").part("figures", "F2").parts();
        assertNull(after.since(before, false), "only the stamp and the figures moved: nothing is sent");
        assertEquals("T2F2", after.since(before, true).parts(), "on the beat, a sign of life");
    }

    private static String log(String id) {
        return "<tr class=\"bot-log\" id=\"log-" + id + "\" hx-preserve=\"true\"><td colspan=\"9\" class=\"log-cell\"></td></tr>";
    }

    /** A page's rendered parts, built by hand. */
    private static final class Page {
        private final Map<String, String> parts = new LinkedHashMap<>();
        private final Map<String, String> rows = new LinkedHashMap<>();
        private final Map<String, String> logRows = new LinkedHashMap<>();

        Page part(String name, String html) {
            parts.put(name, html);
            return this;
        }

        Page row(String id, String html) {
            rows.put(id, html);
            logRows.put(id, log(id.substring("bot-".length())));
            return this;
        }

        RunPageParts parts() {
            return new RunPageParts(parts, List.copyOf(rows.keySet()), rows, logRows, 0);
        }
    }
}
