package io.reembed.local.logs;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.Json11Route;
import io.vertx.ext.web.Router;

/** CloudWatch Logs' JSON 1.1 protocol ({@code X-Amz-Target: Logs_20140328.<Operation>}) at /local/logs, demo only. */
@ApplicationScoped
public class LogsEmulatorRoute {

    public static final String PATH = "/local/logs";
    private static final String TARGET_PREFIX = "Logs_20140328.";

    private final LogsEmulator emulator;
    private final ObjectMapper json;

    public LogsEmulatorRoute(LogsEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() == ReembedConfig.Mode.DEMO) {
            String prefix = "arn:aws:logs:" + DemoModeConfigSourceFactory.DEMO_REGION + ":" + config.ecsEmulator().account()
                    + ":log-group:";
            Json11Route.register(router, PATH, 64 * 1024, TARGET_PREFIX, json, emulator::handle, "logs",
                    (operation, request) -> !request.has("logGroupName") ? List.of()
                            : List.of(prefix + request.path("logGroupName").asText() + (request.has("logStreamName")
                                    ? ":log-stream:" + request.path("logStreamName").asText() : ":*")));
        }
    }
}
