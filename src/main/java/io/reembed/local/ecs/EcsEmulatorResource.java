package io.reembed.local.ecs;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.common.annotation.Blocking;

/**
 * The ECS JSON 1.1 protocol over HTTP, as the AWS SDKs speak it: one POST per call, the operation
 * in {@code X-Amz-Target}. Present only in demo mode; elsewhere it answers 404.
 */
@Path("/local/ecs")
@Blocking
public class EcsEmulatorResource {

    static final String CONTENT_TYPE = "application/x-amz-json-1.1";
    private static final String TARGET_PREFIX = "AmazonEC2ContainerServiceV20141113.";

    private final EcsEmulator emulator;
    private final ObjectMapper json;

    public EcsEmulatorResource(EcsEmulator emulator, ObjectMapper json) {
        this.emulator = emulator;
        this.json = json;
    }

    @POST
    public Response call(@HeaderParam("X-Amz-Target") String target, String body) {

        if (!emulator.running()) {
            return Response.status(404).build();
        }
        try {
            if (target == null || !target.startsWith(TARGET_PREFIX)) {
                throw new EcsApiException("UnknownOperationException", "Missing or unknown X-Amz-Target header.");
            }
            JsonNode request = body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
            if (!request.isObject()) {
                throw new EcsApiException("SerializationException", "The request body must be a JSON object.");
            }
            ObjectNode response = emulator.handle(target.substring(TARGET_PREFIX.length()), request);
            return Response.ok(json.writeValueAsString(response), CONTENT_TYPE).build();
        } catch (EcsApiException e) {
            return error(e);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return error(new EcsApiException("SerializationException", "The request body is not valid JSON."));
        }
    }

    private Response error(EcsApiException e) {
        ObjectNode body = json.createObjectNode();
        body.put("__type", e.type());
        body.put("message", e.getMessage());
        if (!e.resourceIds().isEmpty()) {
            e.resourceIds().forEach(body.putArray("resourceIds")::add);
        }
        return Response.status(e.status()).entity(body.toString()).type(CONTENT_TYPE)
                .header("x-amzn-ErrorType", e.type()).build();
    }
}
