package io.reembed.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.reembed.security.AuthConfigurationCheck;

/** The packaged app, started in aws mode with no login configured, refuses to start and says why. */
@Execution(ExecutionMode.CONCURRENT)
@Order(7)
class StartupRefusalIT {

    @Test
    void refusesToStartWithoutALogin() throws IOException, InterruptedException {
        String output = refusal(Map.of());
        assertTrue(output.contains(AuthConfigurationCheck.MISSING_LOGIN), output);
    }

    @Test
    void refusesAMalformedPasswordHashAsPlainly() throws IOException, InterruptedException {
        String output = refusal(Map.of("REEMBED_AUTH_ADMIN_PASSWORD_HASH", "not-a-hash"));
        assertTrue(output.contains("reembed.auth.admin-password-hash is not a hash made by"), output);
    }

    /** `docker run -e REEMBED_MODE=demo` on an image that listened on every interface served the no-login demo to the LAN. */
    @Test
    void theDemoRefusesToListenBeyondTheLoopbackUnlessToldTo() throws IOException, InterruptedException {
        String output = refusal(Map.of("REEMBED_MODE", "demo", "QUARKUS_HTTP_HOST", "0.0.0.0"));
        assertTrue(output.contains("The demo has no login, so it listens on the loopback only"), output);
    }

    /** Starts the packaged console in aws mode with these settings; it must stop by itself, saying why in one message. */
    private static String refusal(Map<String, String> settings) throws IOException, InterruptedException {
        Path log = Files.createTempFile("reembed-refusal", ".log");
        ProcessBuilder builder = new ProcessBuilder(ConsoleProcess.command()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("REEMBED_ADMIN_PASSWORD");
        builder.environment().put("REEMBED_MODE", "aws");
        builder.environment().put("REEMBED_TABLE_NAME", "BedrockChatStack-DatabaseConversationTableX");
        builder.environment().put("AWS_REGION", "us-east-1");
        builder.environment().put("QUARKUS_HTTP_PORT", "0");
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", "0");
        builder.environment().putAll(settings);
        Process process = builder.start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(ended, "the app should stop by itself; it printed:\n" + output);
        assertNotEquals(0, process.exitValue());
        assertFalse(output.contains("\tat ") || output.contains("Exception"), "the message alone, no stack trace:\n"
                + output);
        return output;
    }
}
