package io.reembed.web;

import jakarta.ws.rs.container.ContainerResponseContext;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every page, fragment and API answer shows live state, so none may be stored; and since a page
 * and its htmx fragment share one URL, caches must key on HX-Request. Static assets are served
 * outside JAX-RS and keep their caching.
 */
public class LiveResponseHeaders {

    @ServerResponseFilter
    public void addHeaders(ContainerResponseContext response) {
        response.getHeaders().add("Vary", Htmx.REQUEST);
        response.getHeaders().putSingle("Cache-Control", "no-store");
    }
}
