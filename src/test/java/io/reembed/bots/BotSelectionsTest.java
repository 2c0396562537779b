package io.reembed.bots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** The tick store keeps what the server issued, within bounds: 12,002 made-up browser ids were once all kept. */
class BotSelectionsTest {

    private final BotSelections selections = new BotSelections(Clock.systemUTC());

    @Test
    void anIdAClientMadeUpIsNeverStored() {
        String forged = "0123456789abcdef0123456789abcdef0123";
        assertFalse(selections.issued(forged));
        assertFalse(selections.issued(forged + ".deadbeef"));
        String id = selections.idFor(forged);
        assertNotEquals(forged, id, "a new, signed id is issued instead");
        assertTrue(selections.issued(id));
        selections.toggle(forged, new BotKey("user", "user#BOT#b"));
        assertEquals(0, selections.browsers());
    }

    @Test
    void browsersAndTicksAreBounded() {
        for (int i = 0; i < BotSelections.MAX_BROWSERS + 500; i++) {
            selections.toggle(selections.newId(), new BotKey("user", "user#BOT#b" + i));
        }
        assertEquals(BotSelections.MAX_BROWSERS, selections.browsers(), "the least recently used are dropped");
        String id = selections.newId();
        selections.tickAll(id, IntStream.range(0, BotSelections.MAX_TICKED + 100)
                .mapToObj(i -> new BotKey("user", "user#BOT#x" + i)).toList());
        assertEquals(BotSelections.MAX_TICKED, selections.of(id).size());
        selections.toggle(id, new BotKey("user", "user#BOT#one-more"));
        assertEquals(BotSelections.MAX_TICKED, selections.of(id).size());
        assertEquals(List.of(), List.copyOf(selections.of("not-issued")));
    }
}
