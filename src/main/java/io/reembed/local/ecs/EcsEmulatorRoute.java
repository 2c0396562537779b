package io.reembed.local.ecs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.config.ReembedConfig;
import io.reembed.local.Json11Route;
import io.vertx.ext.web.Router;

/**
 * The ECS JSON 1.1 protocol over HTTP, as the AWS SDKs speak it: one POST per call, the operation
 * in {@code X-Amz-Target}, the body {@code application/x-amz-json-1.1}. The route is added in demo
 * mode only: in aws mode {@code /local/ecs} does not exist.
 */
@ApplicationScoped
public class EcsEmulatorRoute {

    public static final String PATH = "/local/ecs";
    private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final long MAX_BODY = 1024 * 1024;

    private final EcsEmulator emulator;
    private final ObjectMapper json;

    public EcsEmulatorRoute(EcsEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() == ReembedConfig.Mode.DEMO) {
            EmulatorSettings settings = EmulatorSettings.from(config.ecsEmulator());
            Json11Route.register(router, PATH, MAX_BODY, TARGET_PREFIX, json, emulator::handle, "ecs",
                    new EcsCalls(settings.region(), settings.account())::resources);
        }
    }
}
