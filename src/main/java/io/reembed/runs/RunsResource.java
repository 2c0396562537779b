package io.reembed.runs;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
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
import io.reembed.bots.CatalogUnavailableException;
import io.reembed.config.ReembedConfig;
import io.reembed.security.CsrfProof;
import io.reembed.security.CsrfTokens;
import io.reembed.web.Htmx;
import io.reembed.web.Operator;
import io.reembed.web.PageHeader;
import io.smallrye.common.annotation.Blocking;

/** The run pages: confirm a selection, launch it, watch it, cancel or retry it. Plain forms and links first. */
@Path("/runs")
@Blocking
@Produces(MediaType.TEXT_HTML)
public class RunsResource {

    static final int ROWS_PER_PAGE = 50;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance confirm(PageHeader header, RunPlan plan, String draftId);

        static native TemplateInstance runs(PageHeader header, List<Run> runs, String engineProblem);

        static native TemplateInstance run(PageHeader header, RunPageView view);

        static native TemplateInstance run$live(RunPageView view);

        static native TemplateInstance action(PageHeader header, Run run, String action, String botRef,
                String botTitle, int failed);

        static native TemplateInstance problem(PageHeader header, String title, String message);
    }

    private final RunPlanner planner;
    private final RunDrafts drafts;
    private final RunEngine engine;
    private final ReembedConfig config;
    private final PageHeader header;
    private final CsrfTokens csrf;

    public RunsResource(RunPlanner planner, RunDrafts drafts, RunEngine engine, ReembedConfig config,
            PageHeader header, CsrfTokens csrf) {
        this.csrf = csrf;
        this.planner = planner;
        this.drafts = drafts;
        this.engine = engine;
        this.config = config;
        this.header = header;
    }

    @POST
    @Path("/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response confirm(@BeanParam CsrfProof proof, @FormParam("scope") String scope, @FormParam("bot") List<String> refs,
            @FormParam("only") String only, @FormParam("q") String q, @FormParam("status") String status,
            @FormParam("knowledge") String knowledge,
            @FormParam("includeWithoutKnowledge") boolean includeWithoutKnowledge) {
        if (!proof.acceptedBy(csrf)) {
            return forged();
        }
        try {
            Selection selection = selection(scope, refs, only, BotQuery.of(q, status, knowledge, null, null, 1));
            RunPlan plan = planner.plan(selection, includeWithoutKnowledge || only != null && !only.isBlank());
            return Response.ok(Templates.confirm(header, plan, drafts.keep(plan))).build();
        } catch (SelectionException e) {
            return problem(400, "Nothing to launch", e.getMessage());
        } catch (CatalogUnavailableException e) {
            return problem(503, "The bot list is unavailable", e.getMessage());
        }
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response launch(@BeanParam CsrfProof proof, @FormParam("draft") String draftId,
            @Context SecurityContext security) {
        if (!proof.acceptedBy(csrf)) {
            return forged();
        }
        Optional<String> already = drafts.runOf(draftId);
        if (already.isPresent()) {
            return Response.seeOther(URI.create("/runs/" + already.get())).build();
        }
        Optional<RunPlan> plan = drafts.take(draftId);
        if (plan.isEmpty()) {
            return problem(409, "This confirmation has expired",
                    "Nothing was launched. Select the bots again on the bot list and confirm.");
        }
        if (!plan.get().launchable()) {
            return problem(400, "Nothing to launch", plan.get().ecs().missing().isEmpty()
                    ? "Every selected bot was left out." : "Set " + String.join(", ", plan.get().ecs().missing()) + " first.");
        }
        try {
            RunEngine.Started started = engine.startRun(plan.get().bots(), plan.get().ecs(),
                    Operator.name(security, config));
            if (started.run() == null) {
                return problem(409, "Nothing to launch", "Every selected bot is already being re-embedded in another run.");
            }
            drafts.launchedAs(draftId, started.run().id());
            return Response.seeOther(URI.create("/runs/" + started.run().id())).build();
        } catch (IllegalStateException e) {
            return problem(503, "The run engine is not running", engine.startFailure().orElse(e.getMessage()));
        }
    }

    @GET
    public Response history() {
        List<Run> runs = engine.startFailure().isPresent() ? List.of() : engine.recentRuns(200);
        return Response.ok(Templates.runs(header, runs, engine.startFailure().orElse(null))).build();
    }

    @GET
    @Path("/{id}")
    public Response run(@PathParam("id") String id, @QueryParam("state") String state,
            @QueryParam("page") Integer page, @Context HttpHeaders headers) {
        Optional<RunSnapshot> snapshot = engine.snapshot(id);
        if (snapshot.isEmpty()) {
            return noSuchRun(id);
        }
        RunPageView view = RunPageView.of(snapshot.get(), state, page, ROWS_PER_PAGE);
        return Response.ok(Htmx.wantsFragment(headers) ? Templates.run$live(view) : Templates.run(header, view)).build();
    }

    @GET
    @Path("/{id}/cancel")
    public Response confirmCancel(@PathParam("id") String id) {
        return engine.snapshot(id).map(snapshot -> Response.ok(Templates.action(header, snapshot.run(), "cancel", null,
                null, snapshot.count(BotState.FAILED))).build())
                .orElseGet(() -> noSuchRun(id));
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response cancel(@BeanParam CsrfProof proof, @PathParam("id") String id, @Context SecurityContext security) {
        if (!proof.acceptedBy(csrf)) {
            return forged();
        }
        if (engine.snapshot(id).isEmpty()) {
            return noSuchRun(id);
        }
        engine.cancel(id, Operator.name(security, config));
        return Response.seeOther(URI.create("/runs/" + id)).build();
    }

    @GET
    @Path("/{id}/retry")
    public Response confirmRetry(@PathParam("id") String id, @QueryParam("bot") String ref) {
        Optional<RunSnapshot> snapshot = engine.snapshot(id);
        if (snapshot.isEmpty()) {
            return noSuchRun(id);
        }
        String title = null;
        if (ref != null) {
            Optional<BotKey> key = BotRef.parse(ref);
            Optional<RunBot> bot = key.flatMap(k -> snapshot.get().bots().stream().filter(b -> b.key().equals(k)).findFirst());
            if (bot.isEmpty()) {
                return problem(400, "Unknown bot", "That bot is not part of run " + id + ".");
            }
            title = bot.get().displayTitle();
        }
        return Response.ok(Templates.action(header, snapshot.get().run(), "retry", ref, title,
                snapshot.get().count(BotState.FAILED))).build();
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response retry(@BeanParam CsrfProof proof, @PathParam("id") String id, @FormParam("bot") String ref,
            @Context SecurityContext security) {
        if (!proof.acceptedBy(csrf)) {
            return forged();
        }
        Optional<BotKey> only = Optional.empty();
        if (ref != null && !ref.isBlank()) {
            only = BotRef.parse(ref);
            if (only.isEmpty()) {
                return problem(400, "Unknown bot", "The bot reference is malformed; nothing was retried.");
            }
        }
        Optional<RunEngine.RetryResult> result = engine.retry(id, only, Operator.name(security, config));
        if (result.isEmpty()) {
            return noSuchRun(id);
        }
        if (result.get().problem() != null && result.get().queued() == 0 && only.isPresent()) {
            return problem(400, "Nothing retried", result.get().problem());
        }
        return Response.seeOther(URI.create("/runs/" + id)).build();
    }

    private Selection selection(String scope, List<String> refs, String only, BotQuery query) {
        if (only != null && !only.isBlank()) {
            return Selection.ofKeys(List.of(parse(only)));
        }
        String chosen = scope == null ? "" : scope;
        return switch (chosen) {
            case "checked" -> {
                List<BotKey> keys = new ArrayList<>();
                for (String ref : refs == null ? List.<String>of() : refs) {
                    keys.add(parse(ref));
                }
                yield Selection.ofKeys(keys);
            }
            case "filter" -> Selection.ofFilter(query);
            case "preset-knowledge" -> Selection.ofPreset(Selection.Preset.KNOWLEDGE);
            case "preset-failed" -> Selection.ofPreset(Selection.Preset.FAILED);
            case "preset-all" -> Selection.ofPreset(Selection.Preset.ALL);
            default -> throw new SelectionException("Choose what to re-embed: checked bots, the filter, or a preset.");
        };
    }

    private static BotKey parse(String ref) {
        return BotRef.parse(ref).orElseThrow(() -> new SelectionException(
                "A selected bot reference is malformed (forged or truncated). Nothing was launched."));
    }

    private Response noSuchRun(String id) {
        return problem(404, "No such run", "There is no run " + id + ".");
    }

    private Response forged() {
        return problem(403, "Refused: no valid anti-CSRF token",
                "This request did not come from a page of this console, or the page is too old. Nothing was changed: "
                        + "reload the page and try again.");
    }

    private Response problem(int status, String title, String message) {
        return Response.status(status).entity(Templates.problem(header, title, message)).type(MediaType.TEXT_HTML_TYPE)
                .build();
    }
}
