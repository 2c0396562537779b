package io.reembed.bots;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reembed.security.Roles;
import io.smallrye.common.annotation.Blocking;

/** The bot list for automation: the page's filters as query parameters, every matching bot in one answer. */
@Tag(name = "bots", description = "The bots of the conversation table")
@Path("/api/bots")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class BotsApiResource {

    public record BotJson(String pk, String sk, String botId, String title, boolean hasKnowledge, int urls,
            int sitemaps, int files, List<String> sourceUrls, List<String> sitemapUrls, List<String> filenames,
            String syncStatus, String syncStatusReason, String lastExecId, String lastBotUsed, List<String> problems,
            String stuck) {

        static BotJson of(Bot bot, StuckBots.Report report) {
            StuckBots.Stuck stuck = report.of(bot);
            KnowledgeSummary knowledge = bot.knowledge();
            return new BotJson(bot.pk(), bot.sk(), bot.botId(), bot.title(), bot.hasKnowledge(), knowledge.urls(),
                    knowledge.sitemaps(), knowledge.files(), knowledge.sourceUrls(), knowledge.sitemapUrls(),
                    knowledge.filenames(), bot.syncStatus(), bot.syncStatusReason(), bot.lastExecId(),
                    bot.lastBotUsed() == null ? null : bot.lastBotUsed().toString(), bot.problems(),
                    stuck == null ? null : stuck.evidence());
        }
    }

    /**
     * {@code stuckCheckedAt}: when ECS was last asked about the RUNNING and QUEUED bots (null: not
     * yet); {@code stuckProblem}: why it could not be asked.
     */
    public record BotListJson(int total, List<BotJson> bots, String stuckCheckedAt, String stuckProblem) {
    }

    private final BotCatalog catalog;
    private final StuckBots stuck;

    public BotsApiResource(BotCatalog catalog, StuckBots stuck) {
        this.catalog = catalog;
        this.stuck = stuck;
    }

    @Operation(summary = "Every bot matching the filters, with its knowledge, SyncStatus and stuck evidence")
    @GET
    public Response list(@QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("hasKnowledge") String hasKnowledge, @QueryParam("refresh") Boolean refresh) {
        String knowledge = hasKnowledge == null || hasKnowledge.isEmpty() ? null : switch (hasKnowledge) {
            case "true" -> "yes";
            case "false" -> "no";
            default -> throw new UnknownFilterException("hasKnowledge", hasKnowledge, List.of("true", "false"));
        };
        BotQuery query = BotQuery.of(q, status, knowledge, "title", "asc", 1);
        try {
            CatalogSnapshot snapshot = catalog.snapshot(Boolean.TRUE.equals(refresh));
            StuckBots.Report report = stuck.report(snapshot);
            List<BotJson> bots = snapshot.bots().stream().filter(query.filter(report))
                    .sorted(query.comparator()).map(bot -> BotJson.of(bot, report)).toList();
            return Response.ok(new BotListJson(bots.size(), bots,
                    report.checkedAt() == null ? null : report.checkedAt().toString(), report.problem())).build();
        } catch (CatalogUnavailableException e) {
            return ApiError.response(503, e.getMessage());
        }
    }
}
