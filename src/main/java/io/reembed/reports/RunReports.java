package io.reembed.reports;

import java.time.Clock;
import java.util.Iterator;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.estimate.Estimate;
import io.reembed.estimate.EstimateStore;
import io.reembed.estimate.RunCosts;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.RunSnapshot;
import io.reembed.runs.store.RunStore;

/** A run's report as a download, streamed from the runs table as it is read: a page of bots at a time. */
@ApplicationScoped
public class RunReports {

    static final MediaType CSV = new MediaType("text", "csv", "utf-8");

    private final RunStore store;
    private final EstimateStore estimates;
    private final RunCosts costs;
    private final Clock clock;
    private final RunReportWriter writer;

    public RunReports(RunStore store, EstimateStore estimates, RunCosts costs, Clock clock, ObjectMapper json) {
        this.store = store;
        this.estimates = estimates;
        this.costs = costs;
        this.clock = clock;
        this.writer = new RunReportWriter(json);
    }

    Response csv(String runId) {
        Run run = run(runId);
        StreamingOutput body = out -> {
            try (Stream<RunBot> bots = store.streamBots(run.id())) {
                writer.csv(bots.iterator(), out);
            }
        };
        return download(body, CSV, run.id() + ".csv");
    }

    Response json(String runId) {
        Run run = run(runId);
        Estimate estimate = estimates.find(runId).orElse(null);
        StreamingOutput body = out -> {
            try (Stream<RunBot> bots = store.streamBots(run.id())) {
                Iterator<RunBot> iterator = bots.iterator();
                writer.json(run, estimate, iterator, out,
                        read -> costs.actual(new RunSnapshot(run, read, clock.instant()), estimate));
            }
        };
        return download(body, MediaType.APPLICATION_JSON_TYPE, run.id() + ".json");
    }

    private Run run(String runId) {
        return store.findRun(runId).orElseThrow(() -> new RunRefusedException(RunRefusedException.Reason.NO_SUCH_RUN,
                "There is no run " + runId + "."));
    }

    private static Response download(StreamingOutput body, MediaType type, String name) {
        // Run ids are the console's own (letters, digits, dashes): safe in the header as they are.
        return Response.ok(body, type).header(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"run-" + name.replaceAll("[^A-Za-z0-9._-]", "_") + "\"").build();
    }
}
