package io.reembed.runs.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.bots.BotRef;
import io.reembed.logs.TaskLogs;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.service.RunService;
import io.reembed.runs.RunSnapshot;
import io.reembed.security.Roles;
import io.reembed.web.Htmx;
import io.reembed.web.PageHeader;

/**
 * A bot's task log on the run page: the row's panel (an htmx fragment that polls only while its task
 * runs), or a page of its own without JavaScript.
 */
@Path("/runs/{id}/bots/{ref}/log")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
@Produces(MediaType.TEXT_HTML)
public class BotLogResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance log(PageHeader header, String runId, String ref, TaskLogs.BotLog log);

        static native TemplateInstance log$panel(String runId, String ref, TaskLogs.BotLog log);

        static native TemplateInstance log$closed(String runId, String ref);
    }

    private final RunService runs;
    private final TaskLogs logs;
    private final PageHeader header;

    BotLogResource(RunService runs, TaskLogs logs, PageHeader header) {
        this.runs = runs;
        this.logs = logs;
        this.header = header;
    }

    @GET
    public TemplateInstance log(@PathParam("id") String id, @PathParam("ref") String ref, @Context HttpHeaders headers) {
        RunSnapshot snapshot = runs.snapshot(id);
        TaskLogs.BotLog log = logs.of(snapshot.run(), bot(snapshot, ref));
        return Htmx.wantsFragment(headers) ? Templates.log$panel(id, ref, log) : Templates.log(header, id, ref, log);
    }

    /** The row's panel closed: nothing polls any more. */
    @GET
    @Path("/closed")
    public TemplateInstance closed(@PathParam("id") String id, @PathParam("ref") String ref) {
        bot(runs.snapshot(id), ref);
        return Templates.log$closed(id, ref);
    }

    static RunBot bot(RunSnapshot snapshot, String ref) {
        return BotRef.parse(ref).flatMap(key -> snapshot.bots().stream().filter(b -> b.key().equals(key)).findFirst())
                .orElseThrow(() -> new RunRefusedException(RunRefusedException.Reason.UNKNOWN_BOT,
                        "That bot is not part of run " + snapshot.run().id() + "."));
    }
}
