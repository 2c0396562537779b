package io.reembed.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.reembed.bots.ApiError;

/**
 * A state-changing API call must be exactly {@code application/json} and must not come from
 * another site. A browser sends no Content-Type for a no-cors {@code fetch} of a Blob, which
 * {@code @Consumes} lets through, and a page on a sibling subdomain is "same site" for cookies; so
 * both are checked here, before the request reaches a resource: 415 for any other body type, 403
 * when {@code Sec-Fetch-Site} or {@code Origin} say the request came from another origin. Clients
 * that are not browsers send neither header and are not affected.
 */
public class ApiRequestGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        if (!request.getUriInfo().getPath().startsWith("/api/") || SAFE.contains(request.getMethod())) {
            return null;
        }
        MediaType type = request.getMediaType();
        if (type == null || !"application".equals(type.getType()) || !"json".equals(type.getSubtype())) {
            return ApiError.response(415, "Send the body with Content-Type: application/json. Nothing was changed.");
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null && !OWN_SITE.contains(site.toLowerCase(Locale.ROOT))) {
            return crossOrigin();
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request.getUriInfo().getRequestUri())) {
            return crossOrigin();
        }
        return null;
    }

    /** The Origin names the host and port the request was sent to (its authority); a default port may be left out. */
    static boolean sameOrigin(String origin, URI requested) {
        URI uri;
        try {
            uri = URI.create(origin.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            // "null" (a sandboxed frame, a file) or garbage: not this console.
            return false;
        }
        int defaultPort = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        int originPort = uri.getPort() == -1 ? defaultPort : uri.getPort();
        int requestedPort = requested.getPort() == -1 ? defaultPort : requested.getPort();
        return uri.getHost().equalsIgnoreCase(requested.getHost()) && originPort == requestedPort;
    }

    private static Response crossOrigin() {
        return ApiError.response(403, "Refused: this request came from another site. Nothing was changed.");
    }
}
