package io.reembed.security;

import java.net.URI;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.reembed.bots.ApiError;
import io.reembed.web.PageHeader;

/**
 * Every state-changing request, before it reaches a resource:
 * <ul>
 * <li>refused (403) when {@code Sec-Fetch-Site} or {@code Origin} say it came from another origin,
 * on pages and API alike (a page on a sibling subdomain is "same site" for cookies, so SameSite
 * alone is not enough). Clients that are not browsers send neither header and are not affected;</li>
 * <li>an API call must be exactly {@code application/json} (415 otherwise): a browser sends no
 * Content-Type for a no-cors {@code fetch} of a Blob, which {@code @Consumes} lets through;</li>
 * <li>a page request must carry its anti-CSRF token whatever its body: Quarkus' CSRF filter checks
 * the token of form bodies (and of the {@code X-CSRF-Token} header when one is sent) but lets a
 * request with no body or another Content-Type through unchecked. Such a request without the header
 * is refused here with the console's page; with the header, the filter verifies it.</li>
 * </ul>
 */
public class UnsafeRequestGuard {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> OWN_SITE = Set.of("same-origin", "none");
    /** quarkus.rest-csrf.token-header-name */
    static final String CSRF_HEADER = "X-CSRF-Token";

    // Looked up per refusal: filters are made at start, before the settings the header needs are read.
    @Inject
    Instance<PageHeader> header;

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext request) {
        // The emulators' paths take only their AWS protocol's content type, and exist in the demo only.
        if (SAFE.contains(request.getMethod()) || request.getUriInfo().getPath().startsWith("/local/")) {
            return null;
        }
        boolean api = request.getUriInfo().getPath().startsWith("/api/");
        if (fromAnotherSite(request)) {
            return api ? ApiError.response(403, "Refused: this request came from another site. Nothing was changed.")
                    : CsrfRefusalPage.page(header.get(), "Refused: this request came from another site",
                            "A page of another site tried to act on this console. Nothing was changed.");
        }
        MediaType type = request.getMediaType();
        if (api) {
            if (type == null || !"application".equals(type.getType()) || !"json".equals(type.getSubtype())) {
                return ApiError.response(415, "Send the body with Content-Type: application/json. Nothing was changed.");
            }
            return null;
        }
        boolean form = type != null && (type.isCompatible(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                || type.isCompatible(MediaType.MULTIPART_FORM_DATA_TYPE));
        if (!form && request.getHeaderString(CSRF_HEADER) == null) {
            return CsrfRefusalPage.page(header.get());
        }
        return null;
    }

    /**
     * The browser's own word, Sec-Fetch-Site, when it sends one; the Origin otherwise. (Our pages'
     * Referrer-Policy no-referrer makes a browser send "Origin: null" with their own form posts, so
     * the Origin alone would refuse them.)
     */
    private static boolean fromAnotherSite(ContainerRequestContext request) {
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null) {
            return !OWN_SITE.contains(site.toLowerCase(Locale.ROOT));
        }
        String origin = request.getHeaderString("Origin");
        return origin != null && !sameOrigin(origin, request.getUriInfo().getRequestUri());
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
}
