package io.reembed.runs.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.config.ReembedConfig;
import io.reembed.runs.Run;
import io.reembed.runs.service.RunService;
import io.reembed.security.Roles;
import io.reembed.web.Operator;
import io.reembed.web.PageHeader;
import io.reembed.web.Redirects;

/**
 * Steering a run from its page: pause and resume (each confirmed), its own share of tasks in
 * flight, and the limits over all runs.
 */
@Path("/runs/{id}")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunSteeringResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance steer(PageHeader header, Run run, String action);
    }

    private final RunService runs;
    private final PageHeader header;
    private final ReembedConfig config;

    RunSteeringResource(RunService runs, PageHeader header, ReembedConfig config) {
        this.runs = runs;
        this.header = header;
        this.config = config;
    }

    @GET
    @Path("/pause")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance confirmPause(@PathParam("id") String id) {
        return Templates.steer(header, runs.snapshot(id).run(), "pause");
    }

    @GET
    @Path("/resume")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance confirmResume(@PathParam("id") String id) {
        return Templates.steer(header, runs.snapshot(id).run(), "resume");
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/pause")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response pause(@PathParam("id") String id, @Context SecurityContext security) {
        runs.pause(id, Operator.name(security, config));
        return Redirects.seeOther("/runs/" + id);
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/resume")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resume(@PathParam("id") String id, @Context SecurityContext security) {
        runs.resume(id, Operator.name(security, config));
        return Redirects.seeOther("/runs/" + id);
    }

    /** The run's own share of tasks in flight; blank for the global limit only. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/steer")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response steer(@PathParam("id") String id, @FormParam("maxInFlight") String maxInFlight,
            @FormParam("costCapUsd") String costCapUsd, @Context SecurityContext security) {
        String who = Operator.name(security, config);
        if (costCapUsd != null) {
            // The field's value as it stands: blank removes the cap, a new amount replaces it.
            Double cap = FormNumbers.optionalDecimal("costCapUsd", costCapUsd);
            Run run = runs.snapshot(id).run();
            Double now = run.steering().cap() == null ? null : run.steering().cap().usd();
            if (!java.util.Objects.equals(cap, now)) {
                runs.cap(id, cap == null ? 0 : cap, who);
            }
        }
        runs.maxInFlight(id, FormNumbers.optional("maxInFlight", maxInFlight), who);
        return Redirects.seeOther("/runs/" + id);
    }

    /** The limits over all runs, from a run's page: RunTask calls per second and tasks in flight. */
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/limits")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response limits(@PathParam("id") String id, @FormParam("runTaskRate") String runTaskRate,
            @FormParam("maxInFlight") String maxInFlight, @Context SecurityContext security) {
        runs.snapshot(id);
        runs.changeLimits(FormNumbers.optionalDecimal("runTaskRate", runTaskRate),
                FormNumbers.optional("maxInFlight", maxInFlight), Operator.name(security, config));
        return Redirects.seeOther("/runs/" + id);
    }
}
