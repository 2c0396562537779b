package io.reembed.runs.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.config.ReembedConfig;
import io.reembed.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * A run page's live updates as server-sent events: each second the page's parts are rendered from
 * a shared reading of the run, and only what changed is sent ({@code update}, a
 * {@link RunPageUpdate}); a silent run gets the "updated" stamp alone after its beat. When the run
 * has ended the last update is followed by {@code end}, and the stream closes.
 */
@Path("/runs/{id}/updates")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunUpdatesResource {

    private final RunReadings readings;
    private final ObjectMapper json;
    private final Duration interval;

    public RunUpdatesResource(RunReadings readings, ObjectMapper json, ReembedConfig config) {
        this.readings = readings;
        this.json = json;
        this.interval = config.runs().pageUpdateInterval();
    }

    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    public Multi<OutboundSseEvent> updates(@PathParam("id") String id, @QueryParam("state") String state,
            @QueryParam("page") Integer page, @Context Sse sse) {
        // An unknown run or filter is refused here, with its status, before the stream starts.
        readings.read(id).page(state, page);
        Watch watch = new Watch();
        return Multi.createBy().repeating()
                .uni(() -> Uni.createFrom().item(() -> watch.next(readings.read(id).page(state, page)))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .withDelay(interval)
                .whilst(frame -> !frame.ended())
                .onItem().transformToIterable(frame -> events(frame, sse));
    }

    private List<OutboundSseEvent> events(Frame frame, Sse sse) {
        List<OutboundSseEvent> events = new ArrayList<>();
        if (frame.update() != null) {
            try {
                events.add(sse.newEvent("update", json.writeValueAsString(frame.update())));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("An update could not be written as JSON", e);
            }
        }
        if (frame.ended()) {
            events.add(sse.newEvent("end", "the run has ended"));
        }
        return events;
    }

    /** What one reading gives: the update to send, if any, and whether the run has ended. */
    record Frame(RunPageUpdate update, boolean ended) {
    }

    /** One page's view of the stream: what it shows now, and when it last heard from the server. */
    static final class Watch {
        private RunPageParts shown;
        private Instant lastSent = Instant.MIN;

        Frame next(RunPageView view) {
            RunPageParts now = RunPageParts.of(view);
            Instant at = view.snapshot().at();
            boolean beat = !lastSent.plusSeconds(view.beatSeconds()).isAfter(at);
            RunPageUpdate update = now.since(shown, beat);
            if (update != null) {
                // Unsent, the page still shows what it showed: only ticking parts differed.
                shown = now;
                lastSent = at;
            }
            return new Frame(update, !view.snapshot().live());
        }
    }
}
