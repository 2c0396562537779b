package io.reembed.security;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import io.reembed.web.ErrorPages;
import io.reembed.web.PageHeader;

/**
 * Quarkus' CSRF filter refuses a form without a valid token with a bare 400. A page form is the
 * only thing that can meet it (the API takes JSON only), so the bare answer gets the console's
 * page saying what happened and that nothing changed. Refusals of our own always have a body.
 */
public class CsrfRefusalPage {

    // Looked up per refusal: filters are made at start, before the settings the header needs are read.
    @Inject
    Instance<PageHeader> header;

    @ServerResponseFilter
    public void explain(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = request.getMediaType();
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
        if (response.getStatus() == 400 && !response.hasEntity() && form && !"GET".equals(request.getMethod())) {
            var page = page(header.get());
            response.setStatus(403);
            response.setEntity(page.getEntity(), null, MediaType.TEXT_HTML_TYPE);
        }
    }

    /** The refusal of a page request without a valid anti-CSRF token. */
    static Response page(PageHeader header) {
        return page(header, "Refused: no valid anti-CSRF token", "This request did not come from a page of this "
                + "console, or the page is too old. Nothing was changed: reload the page and try again.");
    }

    static Response page(PageHeader header, String title, String message) {
        return ErrorPages.response(403, header, title, message);
    }
}
