package io.reembed.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.restassured.path.json.JsonPath;

/**
 * Response bodies read by Jackson, for the checks a test repeats while it waits: RestAssured's
 * JsonPath compiles a Groovy script for each path it reads, which costs more CPU than the request
 * itself when a test polls ten times a second. One-off assertions keep using JsonPath.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode read(String body) {
        try {
            return MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    /**
     * Asks for {@code body} every {@code every} until {@code condition} holds of it, for at most
     * {@code atMost}; that body as a JsonPath, for the assertions that follow.
     */
    public static JsonPath await(String what, Duration atMost, Duration every, Callable<String> body,
            Predicate<JsonNode> condition) {
        String[] last = new String[1];
        try {
            Awaitility.await(what).atMost(atMost).pollInterval(every).until(() -> read(last[0] = body.call()), condition);
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(what + ": not within " + atMost + "; the last answer: " + last[0], e);
        }
        return new JsonPath(last[0]);
    }

    /** An array of objects as maps (numbers as Integer or Long, as JsonPath gives them). */
    public static List<Map<String, Object>> list(JsonNode array) {
        return MAPPER.convertValue(array, new TypeReference<List<Map<String, Object>>>() { });
    }

    /** The text at a JSON pointer ({@code /bots/0/state}), or null when it is absent or null. */
    public static String text(JsonNode node, String pointer) {
        JsonNode value = node.at(pointer);
        return value.isMissingNode() || value.isNull() ? null : value.asText();
    }

    /** The elements of the array at a JSON pointer; none when it is absent. */
    public static Stream<JsonNode> each(JsonNode node, String pointer) {
        return StreamSupport.stream(node.at(pointer).spliterator(), false);
    }

    /** The text at {@code pointer} of each element of the array at {@code array}. */
    public static Stream<String> texts(JsonNode node, String array, String pointer) {
        return each(node, array).map(element -> text(element, pointer));
    }
}
