package io.reembed.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Our HTML URLs serve a whole page or an htmx fragment from the same address, so caches must
 * key on HX-Request, and neither may be stored: they show live state.
 */
public class HtmlResponseHeaders {

    @ServerResponseFilter
    public void addHeaders(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type != null && (type.isCompatible(MediaType.TEXT_HTML_TYPE)
                || type.isCompatible(MediaType.APPLICATION_JSON_TYPE))) {
            response.getHeaders().add("Vary", Htmx.REQUEST);
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
    }
}
