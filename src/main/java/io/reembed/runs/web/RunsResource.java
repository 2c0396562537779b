package io.reembed.runs.web;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.bots.BotKey;
import io.reembed.bots.BotQuery;
import io.reembed.bots.BotRef;
import io.reembed.bots.BotSelections;
import io.reembed.config.ReembedConfig;
import io.reembed.preflight.PreflightReport;
import io.reembed.runs.BotState;
import io.reembed.estimate.Estimate;
import io.reembed.estimate.RunCosts;
import io.reembed.runs.FailureKind;
import io.reembed.runs.engine.EngineLimits;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.service.RunPlan;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.service.RunService;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.service.Selection;
import io.reembed.runs.SelectionException;
import io.reembed.runs.Steering;
import io.reembed.security.Roles;
import io.reembed.web.Htmx;
import io.reembed.web.Operator;
import io.reembed.web.Redirects;
import io.reembed.web.PageHeader;
import io.smallrye.common.annotation.Blocking;

/** The run pages: confirm a selection, launch it, watch it, cancel or retry it. Plain forms and links first. */
@Path("/runs")
@Blocking
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RunsResource {

    static final int ROWS_PER_PAGE = 50;
    /** Bots a retry confirmation lists to tick; beyond, "retry every failed bot" still works. */
    static final int MAX_LISTED = 500;
    /** Bots a "retry all of this kind" confirmation names, as a sample: it retries them all. */
    static final int KIND_SAMPLE = 10;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(PageHeader header, RunPlan plan, String draftId, String back,
                PreflightReport preflight, Estimate estimate);

        static native TemplateInstance runs(PageHeader header, List<RunRow> rows, boolean live, String engineProblem);

        static native TemplateInstance runs$table(List<RunRow> rows, boolean live);

        static native TemplateInstance run(PageHeader header, RunPageView view, EngineLimits limits, Integer ceiling);

        static native TemplateInstance run$live(RunPageView view);

        static native TemplateInstance action(PageHeader header, Run run, String action, String botRef,
                String botTitle, int failed, List<RunBot> retryable, FailureKind kind);
    }

    private final RunService runs;
    private final RunDrafts drafts;
    private final ReembedConfig config;
    private final PageHeader header;
    private final Clock clock;
    private final BotSelections selections;
    private final RunReadings readings;
    private final RunCosts costs;

    public RunsResource(RunService runs, RunDrafts drafts, ReembedConfig config, PageHeader header, Clock clock,
            BotSelections selections, RunReadings readings, RunCosts costs) {
        this.costs = costs;
        this.readings = readings;
        this.selections = selections;
        this.runs = runs;
        this.drafts = drafts;
        this.config = config;
        this.header = header;
        this.clock = clock;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@FormParam("scope") String scope, @FormParam("bot") List<String> refs,
            @FormParam("only") String only, @FormParam("q") String q, @FormParam("status") String status,
            @FormParam("knowledge") String knowledge, @FormParam("sort") String sort, @FormParam("dir") String dir,
            @FormParam("includeWithoutKnowledge") Boolean includeWithoutKnowledge,
            @CookieParam(BotSelections.COOKIE) String browser) {
        BotQuery query = BotQuery.of(q, status, knowledge, sort, dir, 1);
        Selection selection = selection(scope, refs, only, query, selections.of(browser));
        RunPlan plan = runs.plan(selection, Boolean.TRUE.equals(includeWithoutKnowledge) || only != null && !only.isBlank());
        // Post/redirect/get: a reload or Back shows the confirmation again, never a resubmitted form.
        // "Back" on it returns to the list as it was: same filter, same order.
        return Redirects.seeOther("/runs/confirm/" + drafts.keep(plan, query.href()));
    }

    /** The confirmation of a kept plan; once launched, its run (Back after Launch lands there, not on an error). */
    @GET
    @RolesAllowed(Roles.OPERATOR)
    @Path("/confirm/{draft}")
    public Response confirmation(@PathParam("draft") String draftId) {
        Optional<String> launched = drafts.runOf(draftId);
        if (launched.isPresent()) {
            return Redirects.seeOther("/runs/" + launched.get());
        }
        RunDrafts.Kept kept = drafts.peek(draftId).orElseThrow(() -> new RunRefusedException(
                RunRefusedException.Reason.DRAFT_EXPIRED,
                "This confirmation has expired or is unknown to this copy. Select the bots again on the bot list."));
        return Response.ok(Templates.confirm(header, kept.plan(), draftId, kept.back(), runs.preflight(),
                costs.estimate(kept.plan().bots(), null))).build();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response launch(@FormParam("draft") String draftId, @FormParam("brakeAfter") String brakeAfter,
            @FormParam("brakePercent") String brakePercent, @FormParam("costCapUsd") String costCapUsd,
            @Context SecurityContext security) {
        Double cap = FormNumbers.optionalDecimal("costCapUsd", costCapUsd);
        Steering steering = Steering.withBrake(
                FormNumbers.orDefault("brakeAfter", brakeAfter, Steering.DEFAULT_BRAKE_AFTER),
                FormNumbers.orDefault("brakePercent", brakePercent, Steering.DEFAULT_BRAKE_PERCENT));
        Optional<String> already = drafts.runOf(draftId);
        if (already.isPresent()) {
            return Redirects.seeOther("/runs/" + already.get());
        }
        RunPlan plan = drafts.take(draftId).orElseThrow(() -> new RunRefusedException(
                RunRefusedException.Reason.DRAFT_EXPIRED,
                "Nothing was launched. Select the bots again on the bot list and confirm."));
        Run run = runs.launch(plan, Operator.name(security, config), steering, cap).run();
        drafts.launchedAs(draftId, run.id());
        return Redirects.seeOther("/runs/" + run.id());
    }

    /** A line of the run list: the run and how long it took, or has been running. */
    public record RunRow(Run run, String duration) {
    }

    @GET
    public Response history(@Context HttpHeaders headers) {
        Optional<String> problem = runs.engineProblem();
        Instant now = clock.instant();
        List<RunRow> rows = (problem.isPresent() ? List.<Run>of() : runs.recentRuns(200)).stream()
                .map(run -> new RunRow(run, RunPageView.label(run.duration(now)))).toList();
        boolean live = rows.stream().anyMatch(row -> row.run().active());
        TemplateInstance page = Htmx.wantsFragment(headers) ? Templates.runs$table(rows, live)
                : Templates.runs(header, rows, live, problem.orElse(null));
        return Response.status(problem.isPresent() ? 503 : 200).entity(page).build();
    }

    @GET
    @Path("/{id}")
    public Response run(@PathParam("id") String id, @QueryParam("state") String state,
            @QueryParam("page") Integer page, @Context HttpHeaders headers) {
        RunPageView view = readings.readNow(id).page(state, page);
        return Response.ok(Htmx.wantsFragment(headers) ? Templates.run$live(view)
                : Templates.run(header, view, runs.limits(), runs.capacityCeiling())).build();
    }

    @GET
    @Path("/{id}/cancel")
    public Response confirmCancel(@PathParam("id") String id) {
        RunSnapshot snapshot = runs.snapshot(id);
        return Response.ok(Templates.action(header, snapshot.run(), "cancel", null, null,
                snapshot.count(BotState.FAILED), List.of(), null)).build();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        if (runs.snapshot(id).live()) {
            runs.cancel(id, Operator.name(security, config));
        }
        return Redirects.seeOther("/runs/" + id);
    }

    @GET
    @Path("/{id}/retry")
    public Response confirmRetry(@PathParam("id") String id, @QueryParam("bot") String ref,
            @QueryParam("kind") String kindWord) {
        RunSnapshot snapshot = runs.snapshot(id);
        if (kindWord != null && ref == null) {
            FailureKind kind = FailureKind.parse(kindWord);
            List<RunBot> ofKind = snapshot.bots().stream()
                    .filter(bot -> bot.state() == BotState.FAILED && bot.failureKind() == kind)
                    .sorted(Comparator.comparing(RunBot::displayTitle, String.CASE_INSENSITIVE_ORDER)).toList();
            return Response.ok(Templates.action(header, snapshot.run(), "retry", null, null, ofKind.size(),
                    ofKind.subList(0, Math.min(ofKind.size(), KIND_SAMPLE)), kind)).build();
        }
        String title = null;
        if (ref != null) {
            Optional<BotKey> key = BotRef.parse(ref);
            RunBot bot = key.flatMap(k -> snapshot.bots().stream().filter(b -> b.key().equals(k)).findFirst())
                    .orElseThrow(() -> new RunRefusedException(RunRefusedException.Reason.UNKNOWN_BOT,
                            "That bot is not part of run " + id + "."));
            title = bot.displayTitle();
        }
        // Failed bots are offered ticked, cancelled ones unticked: the operator picks what to pay for again.
        List<RunBot> retryable = ref != null ? List.of() : snapshot.bots().stream()
                .filter(bot -> bot.state() == BotState.FAILED || bot.state() == BotState.CANCELLED)
                .sorted(Comparator.comparing((RunBot bot) -> bot.state() != BotState.FAILED)
                        .thenComparing(RunBot::displayTitle, String.CASE_INSENSITIVE_ORDER))
                .limit(MAX_LISTED).toList();
        return Response.ok(Templates.action(header, snapshot.run(), "retry", ref, title,
                snapshot.count(BotState.FAILED), retryable, null)).build();
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Path("/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@PathParam("id") String id, @FormParam("bot") List<String> refs,
            @FormParam("chosen") Boolean chosen, @FormParam("kind") String kind, @Context SecurityContext security) {
        Set<BotKey> only = new LinkedHashSet<>();
        for (String ref : refs == null ? List.<String>of() : refs) {
            only.add(BotRef.parse(ref).orElseThrow(() -> new RunRefusedException(
                    RunRefusedException.Reason.UNKNOWN_BOT, "A bot reference is malformed; nothing was retried.")));
        }
        if (Boolean.TRUE.equals(chosen) && only.isEmpty()) {
            throw new RunRefusedException(RunRefusedException.Reason.NOTHING_TO_RETRY,
                    "No bot was ticked; nothing was retried.");
        }
        runs.retry(id, only, kind == null || kind.isBlank() ? null : FailureKind.parse(kind),
                Operator.name(security, config));
        return Redirects.seeOther("/runs/" + id);
    }

    /** The bots asked for: one row's, the ones ticked (on any page: kept by the server, and this page's boxes), or the list's. */
    private Selection selection(String scope, List<String> refs, String only, BotQuery query, Set<BotKey> ticked) {
        if (only != null && !only.isBlank()) {
            return Selection.ofKeys(List.of(parse(only)));
        }
        String chosen = scope == null ? "" : scope;
        return switch (chosen) {
            case "checked" -> {
                Set<BotKey> keys = new LinkedHashSet<>(ticked);
                for (String ref : refs == null ? List.<String>of() : refs) {
                    keys.add(parse(ref));
                }
                yield Selection.ofKeys(List.copyOf(keys));
            }
            case "filter" -> Selection.ofFilter(query);
            default -> throw new SelectionException("Choose what to re-embed: the bots shown, or the checked ones.");
        };
    }

    private static BotKey parse(String ref) {
        return BotRef.parse(ref).orElseThrow(() -> new SelectionException(
                "A selected bot reference is malformed (forged or truncated). Nothing was launched."));
    }
}
