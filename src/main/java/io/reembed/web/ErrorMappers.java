package io.reembed.web;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import io.reembed.bots.ApiError;
import io.reembed.bots.CatalogUnavailableException;
import io.reembed.bots.UnknownFilterException;
import io.reembed.config.ReembedConfig;
import io.reembed.preflight.PreflightFailedException;
import io.reembed.preflight.PreflightJson;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.SelectionException;
import io.reembed.runs.engine.EngineUnavailableException;
import io.reembed.runs.engine.RequestPendingException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One place for refusals: the JSON API answers {@code {"error": ...}}, pages answer the problem
 * page, with the same status for the same reason.
 */
public class ErrorMappers {

    @Inject
    PageHeader header;

    @Inject
    SecurityIdentity identity;

    @Inject
    ReembedConfig config;

    /** A role check of {@code @RolesAllowed} failed: say which role the action needs. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        ReembedConfig.Auth auth = config.auth();
        String message = identity.hasRole(auth.viewerRole())
                ? "Your role may only look: launching, cancelling and retrying need the role " + auth.operatorRole() + "."
                : "You have neither the role " + auth.viewerRole() + " nor " + auth.operatorRole() + ".";
        return answer(uri, 403, "Not allowed", message + " Nothing was changed.");
    }

    @ServerExceptionMapper
    public Response refused(RunRefusedException e, UriInfo uri) {
        return answer(uri, e.reason().status(), e.reason().title(), e.getMessage());
    }

    /** A red preflight check: the API gets the failing checks as JSON, a page says which. */
    @ServerExceptionMapper
    public Response preflightFailed(PreflightFailedException e, UriInfo uri) {
        if (api(uri)) {
            return Response.status(409).entity(PreflightJson.refusal(e)).type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        return ErrorPages.response(409, header, "Launching is blocked", e.getMessage());
    }

    @ServerExceptionMapper
    public Response badSelection(SelectionException e, UriInfo uri) {
        return answer(uri, 400, "Nothing to launch", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unknownFilter(UnknownFilterException e, UriInfo uri) {
        return answer(uri, 400, "Unknown filter", e.getMessage() + " Nothing was changed.");
    }

    @ServerExceptionMapper
    public Response badParameter(StrictBooleanParams.BadParameterException e, UriInfo uri) {
        return answer(uri, 400, "Bad parameter", e.getMessage());
    }

    @ServerExceptionMapper
    public Response catalogUnavailable(CatalogUnavailableException e, UriInfo uri) {
        return answer(uri, 503, "The bot list is unavailable", e.getMessage());
    }

    /** An AWS call failed (DynamoDB unreachable, throttled, refused): say so, never a bare 500. */
    @ServerExceptionMapper
    public Response awsUnavailable(SdkException e, UriInfo uri, jakarta.ws.rs.core.Request request) {
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        return answer(uri, 503, "AWS could not be reached", reading
                ? "An AWS call failed, so this could not be shown: " + e.getMessage() + " Try again in a moment."
                // A change may fail half way (the engine changed, its record not stored): say so, not "nothing".
                : "An AWS call failed while this was being done: " + e.getMessage() + " What was applied before the "
                        + "failure stands; reload to see what did, and try again in a moment.");
    }

    /** A copy that does not drive runs passed the command on, and the driving copy has not answered yet. */
    @ServerExceptionMapper
    public Response requestPending(RequestPendingException e, UriInfo uri) {
        if (api(uri)) {
            return Response.status(202).entity(java.util.Map.of("requested", e.getMessage()))
                    .type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        return ErrorPages.response(202, header, "Requested", e.getMessage());
    }

    @ServerExceptionMapper
    public Response engineUnavailable(EngineUnavailableException e, UriInfo uri) {
        return answer(uri, 503, "The run engine is not running", e.getMessage());
    }

    /** A JSON body that does not fit the request's type: which key, and what was expected. */
    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e) {
        return ApiError.response(400, describe(e));
    }

    // Quarkus maps this one itself (with a body of its own shape) unless told otherwise here.
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return ApiError.response(400, describe(e));
    }

    /**
     * The framework's own refusals (unreadable body, unsupported media type, unknown route) keep
     * their status; the API says it as {@code {"error": ...}} like every other refusal.
     */
    @ServerExceptionMapper
    public Response framework(WebApplicationException e, UriInfo uri) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return ApiError.response(400, describe(json));
            }
        }
        Response original = e.getResponse();
        if (!api(uri) || original.getStatus() < 400) {
            return original;
        }
        String message = switch (original.getStatus()) {
            case 404 -> "There is no such resource.";
            case 405 -> "That method is not allowed here.";
            case 415 -> "Send the body as application/json.";
            default -> e.getMessage();
        };
        return ApiError.response(original.getStatus(), message);
    }

    static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            String in = path(unknown.getPath().subList(0, unknown.getPath().size() - 1));
            return "Unknown key \"" + unknown.getPropertyName() + "\"" + (in.isEmpty() ? "" : " in " + in) + "; accepted: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                            .collect(Collectors.joining(", ")) + ". Nothing was changed.";
        }
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() != null
                && invalid.getTargetType().isEnum()) {
            return "Unknown value \"" + invalid.getValue() + "\"" + at(invalid) + "; accepted: "
                    + Arrays.stream(invalid.getTargetType().getEnumConstants()).map(String::valueOf)
                            .collect(Collectors.joining(", ")) + ". Nothing was changed.";
        }
        if (e instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
            return "Wrong type" + at(mismatched) + ": expected " + expected(mismatched.getTargetType())
                    + ". Nothing was changed.";
        }
        return "The body is not valid JSON. Nothing was changed.";
    }

    private static String at(MismatchedInputException e) {
        String path = path(e.getPath());
        return path.isEmpty() ? "" : " at " + path;
    }

    private static String path(List<JsonMappingException.Reference> references) {
        return references.stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String expected(Class<?> type) {
        if (type == String.class) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type.isRecord()) {
            return "an object";
        }
        return type.getSimpleName();
    }

    private static boolean api(UriInfo uri) {
        return uri.getPath().startsWith("/api/");
    }

    private Response answer(UriInfo uri, int status, String title, String message) {
        if (api(uri)) {
            return ApiError.response(status, message);
        }
        return ErrorPages.response(status, header, title, message);
    }
}
