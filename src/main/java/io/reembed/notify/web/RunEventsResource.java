package io.reembed.notify.web;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.notify.delivery.RunEventsReport;
import io.reembed.runs.Run;
import io.reembed.security.Roles;
import io.reembed.web.PageHeader;
import io.smallrye.common.annotation.Blocking;

/** A run's events and where each went: a panel of the run's page (a page of its own without JavaScript). */
@Path("/runs/{id}/notifications")
@Blocking
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunEventsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance events(PageHeader header, Run run, List<RunEventsReport.Event> events,
                List<String> channels, boolean pending);

        static native TemplateInstance events$panel(Run run, List<RunEventsReport.Event> events, List<String> channels,
                boolean pending);
    }

    private final RunEventsReport report;
    private final PageHeader header;

    RunEventsResource(RunEventsReport report, PageHeader header) {
        this.report = report;
        this.header = header;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance events(@PathParam("id") String id, @HeaderParam("HX-Request") String htmx) {
        Run run = report.run(id);
        List<RunEventsReport.Event> events = report.of(run);
        boolean pending = RunEventsReport.pending(events);
        return "true".equals(htmx) ? Templates.events$panel(run, events, report.channels(), pending)
                : Templates.events(header, run, events, report.channels(), pending);
    }

}
