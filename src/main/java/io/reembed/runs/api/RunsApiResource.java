package io.reembed.runs.api;

import java.time.Clock;
import java.time.Instant;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reembed.bots.BotKey;
import io.reembed.config.ReembedConfig;
import io.reembed.estimate.RunCosts;
import io.reembed.logs.TaskLogs;
import io.reembed.runs.FailureKind;
import io.reembed.runs.RunBot;
import io.reembed.runs.Run;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.service.RunService;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.SelectionException;
import io.reembed.security.Roles;
import io.reembed.web.Operator;
import io.reembed.web.Redirects;
import io.smallrye.common.annotation.Blocking;

/**
 * Runs for automation: start, list, inspect, cancel and retry. Bodies are typed and refuse unknown
 * keys; every refusal is a 4xx or 503 {@code {"error": ...}} from the exception mappers, and
 * launches nothing. Every POST takes application/json only, which a cross-site form cannot send.
 */
@Tag(name = "runs", description = "Re-embedding runs: start, watch, steer, cancel, retry")
@Path("/api/runs")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunsApiResource {

    private final RunService runs;
    private final ReembedConfig config;
    private final Clock clock;
    private final TaskLogs logs;
    private final RunCosts costs;

    public RunsApiResource(RunService runs, ReembedConfig config, Clock clock, TaskLogs logs, RunCosts costs) {
        this.costs = costs;
        this.logs = logs;
        this.runs = runs;
        this.config = config;
        this.clock = clock;
    }

    @Operation(summary = "Start a run of named bots or of a filter; with dryRun=true, only estimate it")
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(StartRunRequest request, @QueryParam("dryRun") Boolean dryRun,
            @Context SecurityContext security) {
        if (request == null) {
            throw new SelectionException("Send {\"bots\": [{\"pk\": ..., \"sk\": ...}]} or {\"filter\": {...}}.");
        }
        var steering = request.steering();
        var plan = runs.plan(request.selection(), request.includeWithoutKnowledge());
        if (Boolean.TRUE.equals(dryRun)) {
            // The same checks as a launch, then the estimate: nothing is stored, nothing launched.
            return Response.ok(RunJson.DryRun.of(costs.estimate(plan.bots(), steering.maxInFlight()), plan)).build();
        }
        var launched = runs.launch(plan, Operator.name(security, config), steering, request.costCapUsd());
        var excluded = launched.excluded().stream()
                .map(e -> new RunJson.Exclusion(e.bot().pk(), e.bot().sk(), e.reason(), e.runId())).toList();
        return Redirects.created("/api/runs/" + launched.run().id())
                .entity(new RunJson.Started(launched.run().id(), launched.run().total(), excluded)).build();
    }

    @Operation(summary = "The runs, newest first")
    @GET
    public RunJson.RunList list() {
        Instant now = clock.instant();
        return new RunJson.RunList(runs.recentRuns(200).stream().map(run -> RunJson.Summary.of(run, now)).toList());
    }

    /** A bot's task log; {@code pk} and {@code sk} URL-encoded ({@code BOT#x} is {@code BOT%23x}). */
    @Operation(summary = "One bot's task log in a run: its kept end, or its lines so far")
    @GET
    @Path("/{id}/bots/{pk}/{sk}/log")
    public RunJson.BotLogJson log(@PathParam("id") String id, @PathParam("pk") String pk, @PathParam("sk") String sk) {
        RunSnapshot snapshot = runs.snapshot(id);
        BotKey key = new BotKey(pk, sk);
        RunBot bot = snapshot.bots().stream().filter(b -> b.key().equals(key)).findFirst()
                .orElseThrow(() -> new RunRefusedException(RunRefusedException.Reason.NO_SUCH_BOT,
                        "Run " + id + " has no bot with PK " + pk + " and SK " + sk + "."));
        return RunJson.BotLogJson.of(id, logs.of(snapshot.run(), bot));
    }

    @Operation(summary = "A run with its bots, counts, ECS settings and audit trail")
    @GET
    @Path("/{id}")
    public RunJson.Detail get(@PathParam("id") String id) {
        return RunJson.Detail.of(runs.snapshot(id), logs.tails(id));
    }

    @Operation(summary = "Cancel a run: nothing more is launched, tasks in flight are stopped")
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunJson.Summary cancel(@PathParam("id") String id, @Context SecurityContext security) {
        return RunJson.Summary.of(runs.cancel(id, Operator.name(security, config)), clock.instant());
    }

    @Operation(summary = "Pause a run: nothing new is launched, tasks in flight go on")
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/pause")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunJson.Summary pause(@PathParam("id") String id, @Context SecurityContext security) {
        return RunJson.Summary.of(runs.pause(id, Operator.name(security, config)), clock.instant());
    }

    @Operation(summary = "Resume a paused run where it stopped")
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/resume")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunJson.Summary resume(@PathParam("id") String id, @Context SecurityContext security) {
        return RunJson.Summary.of(runs.resume(id, Operator.name(security, config)), clock.instant());
    }

    /** Steers a run while it runs: {@code {"maxInFlight": n}} and/or {@code {"costCapUsd": d}}, within one engine cycle. */
    @Operation(summary = "Change a run's own share of tasks in flight or its spending cap")
    @PATCH
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunJson.Summary steer(@PathParam("id") String id, SteerRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw new SelectionException("Send {\"maxInFlight\": n} (null for the global limit only). Nothing was changed.");
        }
        String who = Operator.name(security, config);
        if (request.costCapUsd() != null) {
            Run capped = runs.cap(id, request.costCapUsd(), who);
            if (request.maxInFlight() == null) {
                return RunJson.Summary.of(capped, clock.instant());
            }
        }
        return RunJson.Summary.of(runs.maxInFlight(id, request.maxInFlight(), who), clock.instant());
    }

    /** The run's estimate at launch beside its figures so far; 404 for a run launched before estimates were kept. */
    @Operation(summary = "A run's estimate at launch beside its figures so far")
    @GET
    @Path("/{id}/estimate")
    public RunCosts.Comparison estimate(@PathParam("id") String id) {
        return costs.of(runs.snapshot(id)).orElseThrow(() -> new RunRefusedException(
                RunRefusedException.Reason.NO_SUCH_RUN, "Run " + id + " has no estimate: it was launched before "
                        + "estimates were kept."));
    }

    @Operation(summary = "Queue new attempts: failed bots, named bots, or the failed bots of one kind")
    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public RunJson.Retried retry(@PathParam("id") String id, RetryRequest request, @Context SecurityContext security) {
        FailureKind kind = request == null ? null : request.failureKind();
        Set<BotKey> only = request == null ? Set.of() : request.keys();
        return new RunJson.Retried(id, runs.retry(id, only, kind, Operator.name(security, config)));
    }
}
