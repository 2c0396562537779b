package io.reembed.runs.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.reembed.config.ReembedConfig;
import io.reembed.runs.service.RunService;
import io.reembed.runs.SelectionException;
import io.reembed.runs.engine.EngineLimits;
import io.reembed.security.Roles;
import io.reembed.web.Operator;
import io.smallrye.common.annotation.Blocking;

/** The limits over all runs (RunTask calls per second, tasks in flight), read and changed while runs go on. */
@Tag(name = "engine", description = "The limits over all runs")
@Path("/api/engine/limits")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class EngineLimitsApiResource {

    /** The limits, and who set them last ({@code changedBy} null: as configured). */
    public record LimitsJson(double runTaskRate, int maxInFlight, String changedAt, String changedBy) {

        static LimitsJson of(EngineLimits limits) {
            return new LimitsJson(limits.runTaskRate(), limits.maxInFlight(),
                    limits.changedAt() == null ? null : limits.changedAt().toString(), limits.changedBy());
        }
    }

    private final RunService runs;
    private final ReembedConfig config;

    EngineLimitsApiResource(RunService runs, ReembedConfig config) {
        this.runs = runs;
        this.config = config;
    }

    @Operation(summary = "The RunTask rate and tasks in flight now in force over all runs")
    @GET
    public LimitsJson limits() {
        return LimitsJson.of(runs.limits());
    }

    /** {@code {"runTaskRate": 10, "maxInFlight": 200}}, either left out to keep it; effective within one engine cycle. */
    @Operation(summary = "Change the RunTask rate or the tasks in flight over all runs")
    @PATCH
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_JSON)
    public LimitsJson change(LimitsRequest request, @Context SecurityContext security) {
        if (request == null) {
            throw new SelectionException("Send {\"runTaskRate\": n, \"maxInFlight\": n} (either may be left out). "
                    + "Nothing was changed.");
        }
        return LimitsJson.of(runs.changeLimits(request.runTaskRate(), request.maxInFlight(),
                Operator.name(security, config)));
    }

    /** Back to the configured limits ({@code reembed.runs.run-task-rate}, {@code max-in-flight}). */
    @Operation(summary = "Go back to the configured limits")
    @DELETE
    @RolesAllowed(Roles.OPERATOR)
    public LimitsJson reset(@Context SecurityContext security) {
        return LimitsJson.of(runs.configuredLimits(Operator.name(security, config)));
    }
}
