package io.reembed.preflight.web;

import java.util.Map;

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
import io.reembed.deployment.Deployment;
import io.reembed.deployment.DeploymentSettings;
import io.reembed.security.Roles;
import io.reembed.web.PageHeader;
import io.reembed.web.Redirects;
import io.reembed.preflight.Check;
import io.reembed.preflight.Preflight;
import io.reembed.preflight.SettingChecks;

/** The settings page: each value, where it came from, and its ECS or DynamoDB state (from preflight). */
@Path("/settings")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class SettingsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(PageHeader header, DeploymentSettings settings, Map<String, Check> states);
    }

    private final Deployment deployment;
    private final Preflight preflight;
    private final PageHeader header;

    SettingsResource(Deployment deployment, Preflight preflight, PageHeader header) {
        this.deployment = deployment;
        this.preflight = preflight;
        this.header = header;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        DeploymentSettings settings = deployment.settings();
        return Templates.settings(header, settings, SettingChecks.of(preflight.report()));
    }

    /** Reads the stack again and checks again with what it says. */
    @POST
    @Path("/read-again")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response readAgain() {
        preflight.checkAgain();
        return Redirects.seeOther("/settings");
    }
}
