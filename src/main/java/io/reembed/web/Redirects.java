package io.reembed.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Redirects and Created answers with a relative Location: an absolute one would be built from the
 * request's Host header, which a client chooses.
 */
public final class Redirects {

    private Redirects() {
    }

    public static Response seeOther(String path) {
        return Response.status(Response.Status.SEE_OTHER).header(HttpHeaders.LOCATION, path).build();
    }

    public static Response.ResponseBuilder created(String path) {
        return Response.status(Response.Status.CREATED).header(HttpHeaders.LOCATION, path);
    }
}
