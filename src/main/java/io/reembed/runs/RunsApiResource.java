package io.reembed.runs;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.bots.ApiError;
import io.reembed.bots.BotKey;
import io.reembed.bots.BotQuery;
import io.reembed.bots.CatalogUnavailableException;
import io.reembed.config.ReembedConfig;
import io.reembed.web.Operator;
import io.smallrye.common.annotation.Blocking;

/**
 * Runs for automation: start, list, inspect, cancel and retry. Bad input gets a 4xx and launches
 * nothing. Every POST takes application/json only, which a cross-site form cannot send.
 */
@Path("/api/runs")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
public class RunsApiResource {

    public record RunBotJson(String pk, String sk, String botId, String state, int attempts, String taskArn,
            String lastStatus, Integer exitCode, String syncStatus, String reason, String failureKind) {
    }

    public record RunSummaryJson(String id, String state, boolean cancelRequested, String createdAt, String createdBy,
            int total) {
        static RunSummaryJson of(Run run) {
            return new RunSummaryJson(run.id(), run.state().name(), run.cancelRequested(), run.createdAt().toString(),
                    run.createdBy(), run.total());
        }
    }

    public record RunJson(String id, String state, boolean cancelRequested, String createdAt, String createdBy,
            EcsLaunchSettings ecs, Map<String, Integer> counts, List<AuditEvent> audit, List<RunBotJson> bots) {
    }

    public record StartedJson(String id, int queued, List<Map<String, String>> excluded) {
    }

    private final RunPlanner planner;
    private final RunEngine engine;
    private final ReembedConfig config;
    private final ObjectMapper json;

    public RunsApiResource(RunPlanner planner, RunEngine engine, ReembedConfig config, ObjectMapper json) {
        this.planner = planner;
        this.engine = engine;
        this.config = config;
        this.json = json;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response start(String body, @Context SecurityContext security) {
        JsonNode request;
        try {
            request = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (Exception e) {
            return ApiError.response(400, "The body is not valid JSON.");
        }
        if (request == null || !request.isObject()) {
            return ApiError.response(400, "Send {\"bots\": [{\"pk\": ..., \"sk\": ...}]} or {\"filter\": {...}}.");
        }
        try {
            RunPlan plan = planner.plan(selection(request), request.path("includeWithoutKnowledge").asBoolean(false));
            if (!plan.ecs().missing().isEmpty()) {
                return ApiError.response(409, "Set " + String.join(", ", plan.ecs().missing()) + " first.");
            }
            if (plan.bots().isEmpty()) {
                return ApiError.response(422, "Every selected bot was left out: " + exclusions(plan));
            }
            RunEngine.Started started = engine.startRun(plan.bots(), plan.ecs(), Operator.name(security, config));
            if (started.run() == null) {
                return ApiError.response(409, "Every selected bot is already being re-embedded in another run.");
            }
            List<Map<String, String>> excluded = new ArrayList<>();
            plan.excluded().forEach(e -> excluded.add(Map.of("pk", e.bot().pk(), "sk", e.bot().sk(), "reason", e.reason())));
            started.alreadyActive().forEach(bot -> excluded.add(Map.of("pk", bot.pk(), "sk", bot.sk(),
                    "reason", "already being re-embedded in another run")));
            return Response.created(URI.create("/api/runs/" + started.run().id()))
                    .entity(new StartedJson(started.run().id(), started.run().total(), excluded)).build();
        } catch (SelectionException e) {
            return ApiError.response(400, e.getMessage());
        } catch (CatalogUnavailableException e) {
            return ApiError.response(503, e.getMessage());
        } catch (IllegalStateException e) {
            return ApiError.response(503, engine.startFailure().orElse(e.getMessage()));
        }
    }

    @GET
    public Response list() {
        return Response.ok(Map.of("runs", engine.recentRuns(200).stream().map(RunSummaryJson::of).toList())).build();
    }

    @GET
    @Path("/{id}")
    public Response get(@PathParam("id") String id) {
        Optional<RunSnapshot> snapshot = engine.snapshot(id);
        if (snapshot.isEmpty()) {
            return noSuchRun(id);
        }
        Run run = snapshot.get().run();
        Map<String, Integer> counts = new LinkedHashMap<>();
        snapshot.get().counts().forEach((state, count) -> counts.put(state.name(), count));
        List<RunBotJson> bots = snapshot.get().bots().stream().map(bot -> new RunBotJson(bot.pk(), bot.sk(),
                bot.botId(), bot.state().name(), bot.attempt(), bot.taskArn(), bot.lastStatus(), bot.exitCode(),
                bot.syncStatus(), bot.reason(), bot.failureKind() == null ? null : bot.failureKind().name())).toList();
        return Response.ok(new RunJson(run.id(), run.state().name(), run.cancelRequested(), run.createdAt().toString(),
                run.createdBy(), run.ecs(), counts, run.audit(), bots)).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response cancel(@PathParam("id") String id, @Context SecurityContext security) {
        if (engine.snapshot(id).isEmpty()) {
            return noSuchRun(id);
        }
        Optional<Run> run = engine.cancel(id, Operator.name(security, config));
        if (run.isEmpty()) {
            return ApiError.response(409, "Run " + id + " has already ended.");
        }
        return Response.ok(RunSummaryJson.of(run.get())).build();
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response retry(@PathParam("id") String id, String body, @Context SecurityContext security) {
        Optional<BotKey> only = Optional.empty();
        if (body != null && !body.isBlank()) {
            try {
                JsonNode bot = json.readTree(body).path("bot");
                if (!bot.isMissingNode()) {
                    only = Optional.of(key(bot));
                }
            } catch (SelectionException e) {
                return ApiError.response(400, e.getMessage());
            } catch (Exception e) {
                return ApiError.response(400, "The body is not valid JSON.");
            }
        }
        Optional<RunEngine.RetryResult> result = engine.retry(id, only, Operator.name(security, config));
        if (result.isEmpty()) {
            return noSuchRun(id);
        }
        if (result.get().queued() == 0) {
            return ApiError.response(409, result.get().problem());
        }
        return Response.ok(Map.of("id", id, "queued", result.get().queued())).build();
    }

    private static Response noSuchRun(String id) {
        return ApiError.response(404, "There is no run " + id + ".");
    }

    private Selection selection(JsonNode request) {
        if (request.has("bots")) {
            JsonNode bots = request.get("bots");
            if (!bots.isArray()) {
                throw new SelectionException("\"bots\" must be a list of {\"pk\": ..., \"sk\": ...}.");
            }
            List<BotKey> keys = new ArrayList<>();
            for (JsonNode bot : bots) {
                keys.add(key(bot));
            }
            return Selection.ofKeys(keys);
        }
        if (request.has("filter")) {
            JsonNode filter = request.get("filter");
            if (!filter.isObject()) {
                throw new SelectionException("\"filter\" must be an object with q, status and hasKnowledge.");
            }
            String knowledge = filter.has("hasKnowledge") ? (filter.get("hasKnowledge").asBoolean() ? "yes" : "no") : null;
            return Selection.ofFilter(BotQuery.of(filter.path("q").asText(null), filter.path("status").asText(null),
                    knowledge, null, null, 1));
        }
        throw new SelectionException("Send \"bots\" or \"filter\".");
    }

    private static BotKey key(JsonNode bot) {
        String pk = bot.path("pk").isTextual() ? bot.get("pk").asText() : null;
        String sk = bot.path("sk").isTextual() ? bot.get("sk").asText() : null;
        if (pk == null || sk == null || pk.isEmpty() || sk.isEmpty()) {
            throw new SelectionException("Every bot needs a \"pk\" and an \"sk\" string.");
        }
        return new BotKey(pk, sk);
    }

    private static String exclusions(RunPlan plan) {
        return plan.withoutKnowledge() + " without knowledge (send \"includeWithoutKnowledge\": true to insist), "
                + plan.alreadyRunning() + " already being re-embedded.";
    }
}
