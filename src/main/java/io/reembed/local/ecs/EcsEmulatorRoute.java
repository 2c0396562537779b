package io.reembed.local.ecs;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.config.ReembedConfig;
import io.reembed.local.Json11Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The ECS JSON 1.1 protocol over HTTP, as the AWS SDKs speak it: one POST per call, the operation
 * in {@code X-Amz-Target}, the body {@code application/x-amz-json-1.1}. The route is added in demo
 * mode only: in aws mode {@code /local/ecs} does not exist.
 */
@ApplicationScoped
public class EcsEmulatorRoute {

    public static final String PATH = "/local/ecs";
    static final String CONTENT_TYPE = Json11Route.CONTENT_TYPE;
    private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";
    private static final long MAX_BODY = 1024 * 1024;

    private final EcsEmulator emulator;
    private final ObjectMapper json;

    public EcsEmulatorRoute(EcsEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        Json11Route.register(router, PATH, MAX_BODY, this::call);
    }

    private void call(RoutingContext context) {
        try {
            String target = context.request().getHeader("X-Amz-Target");
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new EcsApiException("UnknownOperationException", "Missing or unknown X-Amz-Target header.");
            }
            String body = context.body().asString();
            JsonNode request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            if (!request.isObject()) {
                throw new EcsApiException("SerializationException", "The request body must be a JSON object.");
            }
            ObjectNode response = emulator.handle(target.substring(TARGET_PREFIX.length()), request);
            context.response().putHeader("Content-Type", CONTENT_TYPE).end(json.writeValueAsString(response));
        } catch (EcsApiException e) {
            error(context, e);
        } catch (JsonProcessingException e) {
            error(context, new EcsApiException("SerializationException", "The request body is not valid JSON."));
        }
    }

    private void error(RoutingContext context, EcsApiException e) {
        ObjectNode body = json.createObjectNode();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        if (!e.resourceIds().isEmpty()) {
            e.resourceIds().forEach(body.putArray("resourceIds")::add);
        }
        context.response().setStatusCode(e.status()).putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("x-amzn-ErrorType", e.type()).end(body.toString());
    }
}
