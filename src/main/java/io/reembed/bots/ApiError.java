package io.reembed.bots;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON API's error answer: {"error": "..."} with a 4xx or 5xx status. */
public record ApiError(String error) {

    public static Response response(int status, String message) {
        return Response.status(status).entity(new ApiError(message)).type(MediaType.APPLICATION_JSON_TYPE).build();
    }
}
