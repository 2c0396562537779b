package io.reembed.preflight.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.config.ReembedConfig;
import io.reembed.security.Roles;
import io.reembed.web.PageHeader;
import io.reembed.web.Redirects;
import io.reembed.preflight.PreflightReport;
import io.reembed.preflight.Check;
import io.reembed.preflight.Preflight;

/** The preflight page: every check with its outcome, and "Check again". */
@Path("/preflight")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class PreflightResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance preflight(PageHeader header, PreflightReport report, String ttl);
    }

    private final Preflight preflight;
    private final PageHeader header;
    private final ReembedConfig config;

    PreflightResource(Preflight preflight, PageHeader header, ReembedConfig config) {
        this.preflight = preflight;
        this.header = header;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        return Templates.preflight(header, preflight.report(), config.preflight().cacheTtl().toSeconds() + " s");
    }

    @POST
    @Path("/check-again")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response checkAgain() {
        preflight.checkAgain();
        return Redirects.seeOther("/preflight");
    }
}
