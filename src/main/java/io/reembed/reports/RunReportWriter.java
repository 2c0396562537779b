package io.reembed.reports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.estimate.Estimate;
import io.reembed.estimate.RunFigures;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;

/**
 * Writes a run's report row by row as its bots are read: CSV (UTF-8 with a byte-order mark, RFC 4180:
 * CRLF line ends, quoted where needed; a row per attempt, times as spreadsheets read them) or JSON ({@code {"run": {...}, "bots": [...]}}), never the whole file in memory.
 */
final class RunReportWriter {

    private final ObjectMapper json;

    RunReportWriter(ObjectMapper json) {
        this.json = json;
    }

    void csv(Iterator<RunBot> bots, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        // The byte-order mark: without it Excel reads UTF-8 as the local code page (titles in Polish or Japanese garbled).
        writer.write('\uFEFF');
        writer.write(String.join(",", ReportRow.HEADER));
        writer.write("\r\n");
        while (bots.hasNext()) {
            for (List<String> row : ReportRow.of(bots.next()).csvRows()) {
                writer.write(String.join(",", row));
                writer.write("\r\n");
            }
        }
        writer.flush();
    }

    /**
     * The JSON report; {@code actual} turns the bots written into the figures so far (tasks, wall and
     * task time, Fargate cost), written after them beside the estimate at launch (null without one).
     */
    void json(Run run, Estimate estimate, Iterator<RunBot> bots, OutputStream out,
            Function<List<RunBot>, RunFigures> actual) throws IOException {
        try (JsonGenerator generator = json.getFactory().createGenerator(out)) {
            generator.writeStartObject();
            generator.writeObjectFieldStart("run");
            generator.writeStringField("id", run.id());
            generator.writeStringField("state", run.state().name());
            generator.writeStringField("outcome", run.outcome());
            generator.writeStringField("createdAt", run.createdAt().toString());
            generator.writeStringField("createdBy", run.createdBy());
            generator.writeStringField("finishedAt", run.finishedAt() == null ? null : run.finishedAt().toString());
            generator.writeStringField("selection", run.selection());
            generator.writeNumberField("total", run.total());
            // The run's context, for whoever reads the report away from the console.
            generator.writeFieldName("tally");
            json.writeValue(generator, run.tally());
            generator.writeFieldName("ecs");
            json.writeValue(generator, run.ecs());
            generator.writeFieldName("steering");
            json.writeValue(generator, run.steering());
            // What was expected at launch (null for runs launched before estimates were kept); the actual figures
            // follow the bots, from which they are summed.
            generator.writeFieldName("estimateAtLaunch");
            json.writeValue(generator, estimate);
            generator.writeArrayFieldStart("audit");
            for (AuditEvent event : run.audit()) {
                generator.writeStartObject();
                generator.writeStringField("at", event.at().toString());
                generator.writeStringField("who", event.who());
                generator.writeStringField("action", event.action());
                generator.writeStringField("detail", event.detail());
                generator.writeEndObject();
            }
            generator.writeEndArray();
            generator.writeEndObject();
            generator.writeArrayFieldStart("bots");
            List<RunBot> written = new ArrayList<>();
            while (bots.hasNext()) {
                RunBot bot = bots.next();
                written.add(bot);
                json.writeValue(generator, ReportRow.of(bot));
            }
            generator.writeEndArray();
            generator.writeFieldName("actual");
            json.writeValue(generator, estimate == null ? null : actual.apply(written));
            generator.writeEndObject();
        }
    }
}
