package io.reembed.bots.web;

import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.config.ReembedConfig;
import io.reembed.security.Roles;
import io.reembed.web.Htmx;
import io.reembed.web.PageHeader;
import io.reembed.web.Redirects;
import io.smallrye.common.annotation.Blocking;
import io.reembed.bots.CatalogSnapshot;
import io.reembed.bots.TickedBots;
import io.reembed.bots.BotPage;
import io.reembed.preflight.Preflight;
import io.reembed.preflight.PreflightReport;
import io.reembed.runs.engine.RunEngine;
import io.reembed.bots.CatalogUnavailableException;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.BotKey;
import io.reembed.bots.Bot;
import io.reembed.bots.UnknownFilterException;
import io.reembed.bots.BotSelections;
import io.reembed.bots.StuckBots;
import io.reembed.bots.BotRef;
import io.reembed.bots.BotQuery;

@Path("/bots")
@Blocking
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class BotsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bots(PageHeader header, BotQuery query, BotPage page, TickedBots ticked,
                String error, PreflightReport preflight, String notice);

        static native TemplateInstance bots$results(BotPage page, TickedBots ticked, String error, String notice);

        static native TemplateInstance bots$ticked(TickedBots ticked);
    }

    private final BotCatalog catalog;
    private final BotSelections selections;
    private final ReembedConfig config;
    private final PageHeader header;
    private final StuckBots stuck;
    private final RunEngine engine;
    private final Preflight preflight;

    public BotsResource(BotCatalog catalog, BotSelections selections, ReembedConfig config, PageHeader header,
            StuckBots stuck, RunEngine engine, Preflight preflight) {
        this.preflight = preflight;
        this.stuck = stuck;
        this.engine = engine;
        this.catalog = catalog;
        this.selections = selections;
        this.config = config;
        this.header = header;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("knowledge") String knowledge, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("page") Integer page,
            @QueryParam("refresh") Boolean refresh, @CookieParam(BotSelections.COOKIE) String browser,
            @Context HttpHeaders headers) {
        return render(() -> BotQuery.of(q, status, knowledge, sort, dir, page), Boolean.TRUE.equals(refresh),
                selections.of(browser),
                headers);
    }

    /** Ticks or unticks one bot (its row's checkbox, through htmx); answers the count and the actions. */
    @POST
    @Path("/selection/toggle")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response toggle(@FormParam("ref") String ref, @CookieParam(BotSelections.COOKIE) String browser) {
        BotKey key = BotRef.parse(ref).orElseThrow(() -> new UnknownFilterException("bot reference", String.valueOf(ref),
                List.of("a reference from this list")));
        String id = selections.idFor(browser);
        selections.toggle(id, key);
        return withCookie(Response.ok(Templates.bots$ticked(new TickedBots(selections.of(id)))), id, browser);
    }

    /** Ticks every bot of the page shown; works as a plain form post too (then back to the list). */
    @POST
    @Path("/selection/page")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response tickPage(@BeanParam ListForm params, @CookieParam(BotSelections.COOKIE) String browser,
            @Context HttpHeaders headers) {
        String id = selections.idFor(browser);
        BotQuery query = params.query();
        BotPage page = page(catalog.snapshot(), query);
        selections.tickAll(id, page.rows().stream().map(Bot::key).toList());
        Response answer = Htmx.wantsFragment(headers)
                ? answer(headers, query, page, new TickedBots(selections.of(id)), null, 200)
                : Redirects.seeOther(query.href());
        return withCookie(Response.fromResponse(answer), id, browser);
    }

    /**
     * Without JavaScript the row checkboxes tick nothing by themselves: "Keep these ticks" posts them,
     * and the page's bots are ticked as their boxes stand (the other pages' ticks are kept).
     */
    @POST
    @Path("/selection/chosen")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response keepChosen(@BeanParam ListForm params, @FormParam("bot") List<String> refs,
            @CookieParam(BotSelections.COOKIE) String browser) {
        String id = selections.idFor(browser);
        BotQuery query = params.query();
        List<BotKey> page = page(catalog.snapshot(), query).rows().stream().map(Bot::key).toList();
        List<BotKey> chosen = refs == null ? List.of() : refs.stream().map(ref -> BotRef.parse(ref).orElseThrow(
                () -> new UnknownFilterException("bot reference", ref, List.of("a reference from this list")))).toList();
        selections.setPage(id, page, chosen);
        return withCookie(Response.fromResponse(Redirects.seeOther(query.href())), id, browser);
    }

    /** Unticks everything; as {@link #tickPage}, with or without htmx. */
    @POST
    @Path("/selection/clear")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response clear(@BeanParam ListForm params, @CookieParam(BotSelections.COOKIE) String browser,
            @Context HttpHeaders headers) {
        if (browser != null) {
            selections.clear(browser);
        }
        if (Htmx.wantsFragment(headers)) {
            return render(params::query, false, Set.of(), headers);
        }
        return Redirects.seeOther(params.query().href());
    }

    /** The list's own parameters, as the selection form posts them. */
    public static class ListForm {
        @FormParam("q")
        String q;
        @FormParam("status")
        String status;
        @FormParam("knowledge")
        String knowledge;
        @FormParam("sort")
        String sort;
        @FormParam("dir")
        String dir;
        @FormParam("page")
        Integer page;

        BotQuery query() {
            return BotQuery.of(q, status, knowledge, sort, dir, page);
        }
    }

    private Response render(Supplier<BotQuery> parameters, boolean refresh, Set<BotKey> ticked, HttpHeaders headers) {
        TickedBots tickedBots = new TickedBots(ticked);
        BotQuery query;
        try {
            query = parameters.get();
        } catch (UnknownFilterException e) {
            // Said above an empty list, not shown as every bot.
            return answer(headers, BotQuery.defaults(), null, tickedBots, e.getMessage() + " Nothing is listed.", 400);
        }
        try {
            java.time.Instant asked = java.time.Instant.now();
            CatalogSnapshot snapshot = catalog.snapshot(refresh);
            String notice = null;
            if (refresh && snapshot.loadedAt().isBefore(asked)) {
                // Asked within the minimum interval: the list read a moment ago, said so rather than silently.
                notice = "Not read again: the table is read at most once every "
                        + config.catalog().minRefreshInterval().toSeconds() + " s; the list below was read "
                        + java.time.Duration.between(snapshot.loadedAt(), asked).toSeconds() + " s ago.";
            }
            return answer(headers, query, page(snapshot, query), tickedBots, null, 200, notice);
        } catch (CatalogUnavailableException e) {
            return answer(headers, query, null, tickedBots, e.getMessage(), 503);
        }
    }

    private BotPage page(CatalogSnapshot snapshot, BotQuery query) {
        return BotPage.of(snapshot, query, config.catalog().pageSize(), stuck.report(snapshot)).withRuns(engine::activeRunOf);
    }

    private Response answer(HttpHeaders headers, BotQuery query, BotPage result, TickedBots ticked, String error,
            int status) {
        return answer(headers, query, result, ticked, error, status, null);
    }

    private Response answer(HttpHeaders headers, BotQuery query, BotPage result, TickedBots ticked, String error,
            int status, String notice) {
        TemplateInstance view = Htmx.wantsFragment(headers) ? Templates.bots$results(result, ticked, error, notice)
                : Templates.bots(header, query, result, ticked, error, preflight.lastReport().orElse(null), notice);
        return Response.status(status).entity(view).type(MediaType.TEXT_HTML_TYPE).build();
    }

    /** Gives a browser its selection cookie the first time it ticks: HttpOnly, SameSite=Strict. */
    private static Response withCookie(Response.ResponseBuilder response, String id, String known) {
        if (id.equals(known)) {
            return response.build();
        }
        return response.cookie(new NewCookie.Builder(BotSelections.COOKIE).value(id).path("/").httpOnly(true)
                .sameSite(NewCookie.SameSite.STRICT).build()).build();
    }
}
