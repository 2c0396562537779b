package io.reembed.runs.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.runs.RunBot;

/** The embedding command's one argument: the bot's keys as JSON, whatever characters users put in them. */
class RunLauncherRequestTest {

    @Test
    void keysWithQuotesBackslashesControlCharactersAndUnicodeReadBackAsTheyWere() throws Exception {
        String pk = "user \"quoted\" \\ back\\slash";
        String sk = pk + "#BOT#tab\there\nline\u0001ctl ąę 社内";
        RunBot bot = RunBot.queued(pk, sk, "B", "t", Instant.EPOCH);

        String argument = RunLauncher.keysArgument(bot);

        JsonNode keys = new ObjectMapper().readTree(argument);
        assertEquals(pk, keys.path("PK").path("S").asText());
        assertEquals(sk, keys.path("SK").path("S").asText());
        assertEquals(List.of("PK", "SK"), List.copyOf(iterable(keys.fieldNames())));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        java.util.List<String> all = new java.util.ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
