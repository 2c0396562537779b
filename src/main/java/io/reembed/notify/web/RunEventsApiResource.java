package io.reembed.notify.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reembed.notify.delivery.RunEventsReport;
import io.reembed.runs.Run;
import io.reembed.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** GET /api/runs/{id}/events: the run's events and, per channel, whether each was delivered. */
@Tag(name = "runs")
@Path("/api/runs/{id}/events")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunEventsApiResource {

    /** One channel's side of an event: state delivered, retrying, gave up or waiting. */
    public record DeliveryJson(String state, String detail, Instant deliveredAt) {
    }

    public record EventJson(Map<String, Object> event, Map<String, DeliveryJson> channels) {
    }

    public record EventsJson(String runId, List<String> channels, List<EventJson> events) {
    }

    private final RunEventsReport report;

    RunEventsApiResource(RunEventsReport report) {
        this.report = report;
    }

    @Operation(summary = "A run's events (started, paused, ended, …) and their delivery to each notification channel")
    @GET
    public EventsJson events(@PathParam("id") String id) {
        Run run = report.run(id);
        List<EventJson> events = report.of(run).stream().map(event -> new EventJson(event.event().fields(),
                event.deliveries().stream().collect(Collectors.toMap(RunEventsReport.Delivery::channel,
                        delivery -> new DeliveryJson(delivery.state(), delivery.label(), delivery.deliveredAt()),
                        (a, b) -> a, java.util.LinkedHashMap::new)))).toList();
        return new EventsJson(run.id(), report.channels(), events);
    }
}
