package io.reembed.local;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A demo emulator's route for an AWS JSON service (1.1 unless told otherwise): POST with that content type only; anything
 * else at the path (a cross-site form can send only a few types) is refused with 415 before the
 * emulator sees it. Emulators are blocking code, so their handler runs off the event loop.
 */
public final class Json11Route {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    /** One service: the operation named in {@code X-Amz-Target} after the service's prefix, on a JSON object. */
    @FunctionalInterface
    public interface Service {
        ObjectNode call(String operation, JsonNode request);
    }

    private Json11Route() {
    }

    /** What IAM checks for one call: the resources it names (an empty list: none, "*"). */
    @FunctionalInterface
    public interface Resources {
        List<String> of(String operation, JsonNode request);
    }

    /** Registers a service whose operations come as {@code X-Amz-Target: <targetPrefix><Operation>}. */
    public static void register(Router router, String path, long maxBody, String targetPrefix, ObjectMapper json,
            Service service) {
        register(router, path, maxBody, targetPrefix, json, service, null, null);
    }

    /** The same, recording each call the console makes as {@code <iamService>:<Operation>} on its resources. */
    public static void register(Router router, String path, long maxBody, String targetPrefix, ObjectMapper json,
            Service service, String iamService, Resources resources) {
        register(router, path, maxBody, context -> call(context, targetPrefix, json, service, iamService, resources));
    }

    public static void register(Router router, String path, long maxBody, Handler<RoutingContext> handler) {
        register(router, path, maxBody, CONTENT_TYPE, handler);
    }

    /** The same for another AWS JSON protocol version (DynamoDB speaks application/x-amz-json-1.0). */
    public static void register(Router router, String path, long maxBody, String contentType,
            Handler<RoutingContext> handler) {
        router.post(path).consumes(contentType).handler(BodyHandler.create().setBodyLimit(maxBody))
                .blockingHandler(handler, false);
        router.route(path).handler(context -> context.response().setStatusCode(415)
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("POST " + contentType + " only.\n"));
    }

    /** An error answer as the JSON 1.1 services give it: {"__type": ..., "message": ...}. */
    public static void error(RoutingContext context, int status, String type, String message) {
        error(context, new EcsApiException(type, message, status, List.of()));
    }

    private static void error(RoutingContext context, EcsApiException e) {
        JsonObject body = new JsonObject().put("__type", e.type()).put("message", e.getMessage());
        if (!e.resourceIds().isEmpty()) {
            body.put("resourceIds", new JsonArray(e.resourceIds()));
        }
        context.response().setStatusCode(e.status()).putHeader("Content-Type", CONTENT_TYPE)
                .putHeader("x-amzn-ErrorType", e.type()).end(body.encode());
    }

    private static void call(RoutingContext context, String targetPrefix, ObjectMapper json, Service service,
            String iamService, Resources resources) {
        try {
            String target = context.request().getHeader("X-Amz-Target");
            if (target == null || !target.startsWith(targetPrefix)) {
                throw new EcsApiException("UnknownOperationException", "Missing or unknown X-Amz-Target header.");
            }
            String body = context.body().asString();
            JsonNode request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            if (!request.isObject()) {
                throw new EcsApiException("SerializationException", "The request body must be a JSON object.");
            }
            String operation = target.substring(targetPrefix.length());
            if (resources != null && io.reembed.aws.ConsoleClient.VALUE.equals(
                    context.request().getHeader(io.reembed.aws.ConsoleClient.HEADER))) {
                AwsCallLog.record(iamService + ":" + operation, resources.of(operation, request));
            }
            ObjectNode response = service.call(operation, request);
            context.response().putHeader("Content-Type", CONTENT_TYPE).end(json.writeValueAsString(response));
        } catch (EcsApiException e) {
            error(context, e);
        } catch (JsonProcessingException e) {
            error(context, new EcsApiException("SerializationException", "The request body is not valid JSON."));
        }
    }
}
