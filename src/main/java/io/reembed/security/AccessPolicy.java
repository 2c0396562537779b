package io.reembed.security;

import java.util.Set;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import io.reembed.bots.ApiError;
import io.reembed.config.ReembedConfig;

/**
 * Who may do what. In the demo (localhost only) everyone may do everything. Otherwise a user
 * needs the viewer or the operator role to look, and the operator role for anything that
 * changes state (launch, cancel, retry). Every browser also gets its anti-CSRF cookie here,
 * before the page that embeds the token is written.
 */
public class AccessPolicy {

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    SecurityIdentity identity;

    @Inject
    ReembedConfig config;

    @Inject
    CsrfTokens csrf;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        boolean api = path.startsWith("/api/");
        boolean safe = SAFE.contains(request.getMethod());
        if (safe && !api) {
            csrf.token();
        }
        if (config.mode() == ReembedConfig.Mode.DEMO || path.startsWith("/local/")) {
            return null;
        }
        if (identity.isAnonymous()) {
            return refuse(401, api, "Log in first.");
        }
        ReembedConfig.Auth auth = config.auth();
        boolean operator = identity.hasRole(auth.operatorRole());
        if (!safe && !operator) {
            return refuse(403, api, "Your role may only look: launching, cancelling and retrying need the role "
                    + auth.operatorRole() + ".");
        }
        if (!operator && !identity.hasRole(auth.viewerRole())) {
            return refuse(403, api, "You have neither the role " + auth.viewerRole() + " nor " + auth.operatorRole() + ".");
        }
        return null;
    }

    private static Response refuse(int status, boolean api, String message) {
        if (api) {
            return ApiError.response(status, message);
        }
        return Response.status(status).type(MediaType.TEXT_PLAIN_TYPE).entity(message).build();
    }
}
