package io.reembed.reports;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

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

    @Operation(summary = "A run's report as CSV (RFC 4180, formulas neutralised), streamed")
    @GET
    @Path("/report.csv")
    @Produces("text/csv")
    public Response csv(@PathParam("id") String id) {
        return reports.csv(id);
    }

    @Operation(summary = "A run's report as JSON, streamed")
    @GET
    @Path("/report.json")
    @Produces(MediaType.APPLICATION_JSON)
    public Response json(@PathParam("id") String id) {
        return reports.json(id);
    }
}
