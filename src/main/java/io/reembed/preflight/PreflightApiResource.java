package io.reembed.preflight;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reembed.security.Roles;

/** GET /api/preflight: the same checks as the page, as JSON. */
@Tag(name = "preflight", description = "The checks made before anything is launched")
@Path("/api/preflight")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
@Produces(MediaType.APPLICATION_JSON)
public class PreflightApiResource {

    private final Preflight preflight;

    PreflightApiResource(Preflight preflight) {
        this.preflight = preflight;
    }

    @Operation(summary = "The preflight checks, each green, amber, red or grey")
    @GET
    public PreflightJson checks() {
        return PreflightJson.of(preflight.report());
    }
}
