package io.reembed.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** With Quarkus' JSON logging switched on, every log line the console writes is one JSON object. */
@Execution(ExecutionMode.CONCURRENT)
@Order(10)
class JsonLogsIT {

    @Test
    void everyLogLineIsAJsonObjectWhenAskedFor() throws Exception {
        Path dataDir = Files.createTempDirectory(Path.of("target").toAbsolutePath(), "json-logs-demo-data");
        try (ConsoleProcess console = new ConsoleProcess(Map.of("REEMBED_MODE", "demo",
                "REEMBED_DEMO_DATA_DIR", dataDir.toString(), "QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true"),
                Path.of("target", "it-logs", "json-logs"))) {
            console.start();
            String output = console.output();
            ObjectMapper json = new ObjectMapper();
            // Everything logged is JSON; the JVM may still print a plain line of its own.
            List<String> logged = output.lines().filter(line -> line.startsWith("{")).toList();
            assertTrue(logged.size() >= 3, "log lines as JSON objects:\n" + output);
            boolean seededDemo = false;
            for (String line : logged) {
                JsonNode entry = json.readTree(line);
                assertTrue(entry.has("message") && entry.has("level") && entry.has("loggerName"), line);
                seededDemo |= entry.path("message").asText().contains("demo");
            }
            assertTrue(seededDemo, "the console's own lines are among them:\n" + output);
            assertTrue(output.lines().noneMatch(line -> line.matches("^\\d{4}-\\d{2}-\\d{2} .*(INFO|WARN|ERROR) .*")),
                    "no plain-text log line:\n" + output);
        }
    }
}
