package io.reembed.reports;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reembed.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** A run's report for automation: {@code /api/runs/{id}/report.csv} and {@code report.json}, as on its page. */
@Tag(name = "reports", description = "Run reports as downloads")
@Path("/api/runs/{id}")
@Blocking
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunReportApiResource extends RunReportResource {

    RunReportApiResource(RunReports reports) {
        super(reports);
    }
}
