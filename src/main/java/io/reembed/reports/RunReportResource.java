package io.reembed.reports;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.reembed.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** A run's report, from its page: {@code /runs/{id}/report.csv} and {@code report.json}. */
@Path("/runs/{id}")
@Blocking
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunReportResource {

    private final RunReports reports;

    RunReportResource(RunReports reports) {
        this.reports = reports;
    }

    @GET
    @Path("/report.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id) {
        return reports.csv(id);
    }

    @GET
    @Path("/report.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(@PathParam("id") String id) {
        return reports.json(id);
    }
}
