package io.reembed.preflight;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.reembed.security.Roles;

/** GET /api/preflight: the same checks as the page, as JSON. */
@Path("/api/preflight")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
@Produces(MediaType.APPLICATION_JSON)
public class PreflightApiResource {

    private final Preflight preflight;

    PreflightApiResource(Preflight preflight) {
        this.preflight = preflight;
    }

    @GET
    public PreflightJson checks() {
        return PreflightJson.of(preflight.report());
    }
}
