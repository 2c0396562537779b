package io.reembed.bots;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.config.ReembedConfig;
import io.reembed.security.Roles;
import io.reembed.web.Htmx;
import io.reembed.web.PageHeader;
import io.smallrye.common.annotation.Blocking;

@Path("/bots")
@Blocking
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class BotsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance bots(PageHeader header, BotQuery query, BotPage page, String error);

        static native TemplateInstance bots$results(BotPage page, String error);
    }

    private final BotCatalog catalog;
    private final ReembedConfig config;
    private final PageHeader header;

    public BotsResource(BotCatalog catalog, ReembedConfig config, PageHeader header) {
        this.catalog = catalog;
        this.config = config;
        this.header = header;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response list(@QueryParam("q") String q, @QueryParam("status") String status,
            @QueryParam("knowledge") String knowledge, @QueryParam("sort") String sort,
            @QueryParam("dir") String dir, @QueryParam("page") Integer page,
            @QueryParam("refresh") boolean refresh, @Context HttpHeaders headers) {
        BotQuery query;
        try {
            query = BotQuery.of(q, status, knowledge, sort, dir, page);
        } catch (UnknownFilterException e) {
            // Said above an empty list, not shown as every bot.
            return answer(headers, BotQuery.defaults(), null, e.getMessage() + " Nothing is listed.", 400);
        }
        try {
            return answer(headers, query, BotPage.of(catalog.snapshot(refresh), query, config.catalog().pageSize()),
                    null, 200);
        } catch (CatalogUnavailableException e) {
            return answer(headers, query, null, e.getMessage(), 503);
        }
    }

    private Response answer(HttpHeaders headers, BotQuery query, BotPage result, String error, int status) {
        TemplateInstance view = Htmx.wantsFragment(headers) ? Templates.bots$results(result, error)
                : Templates.bots(header, query, result, error);
        return Response.status(status).entity(view).type(MediaType.TEXT_HTML_TYPE).build();
    }
}
