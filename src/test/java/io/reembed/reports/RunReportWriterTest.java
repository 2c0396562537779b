package io.reembed.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.runs.BotState;
import io.reembed.runs.FailureKind;
import io.reembed.runs.RunBot;

/** The reports' CSV: RFC 4180, no formula a spreadsheet would run, and written as the bots come. */
@Execution(ExecutionMode.CONCURRENT)
class RunReportWriterTest {

    private static final Instant AT = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<String> HOSTILE = List.of("=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1",
            "-2+3", "@SUM(A1:A9)", "\tTabbed", "\rReturn", "Comma, and \"quotes\"", "line\nbreak", "plain");

    @Test
    void hostileTitlesOpenWithNoFormulaAndRoundTripThroughACsvParser() throws IOException {
        List<RunBot> bots = HOSTILE.stream().map(title -> RunBot.queued("user", "user#BOT#" + title.hashCode(),
                "B" + Math.abs(title.hashCode()), title, AT).failed(title, FailureKind.CONTENT, AT)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new RunReportWriter(new ObjectMapper()).csv(bots.iterator(), out);

        String csv = out.toString(StandardCharsets.UTF_8);
        assertTrue(csv.startsWith("\uFEFF" + String.join(",", ReportRow.HEADER) + "\r\n"), "a byte-order mark, CRLF line ends");
        List<CSVRecord> records = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.substring(1))).getRecords();
        assertEquals(HOSTILE.size(), records.size());
        for (int i = 0; i < HOSTILE.size(); i++) {
            String title = records.get(i).get("title");
            String original = HOSTILE.get(i);
            char first = title.charAt(0);
            assertTrue(first != '=' && first != '+' && first != '-' && first != '@' && first != '\t' && first != '\r',
                    "no cell starts a formula: " + title);
            assertEquals(CsvCells.neutralised(original), title, "the text itself is kept, only apostrophes added");
            assertEquals(title, records.get(i).get("reason"));
            assertEquals("FAILED", records.get(i).get("state"));
            assertEquals("content", records.get(i).get("failureKind"));
        }
    }

    /**
     * Opened with another separator (';' is Excel's list separator in much of Europe, or a tab), no
     * cell the spreadsheet makes of the text may start a formula, quoted or not.
     */
    @Test
    void noFormulaWhicheverSeparatorTheSpreadsheetSplitsOn() throws IOException {
        List<String> titles = List.of("safe;=1+6;x", "'\t=1+11", "a,=2+2", "x|@SUM(A1)", "line\n-3+3", "ok;-",
                "tab\t\t=1", "plain; text");
        List<RunBot> bots = titles.stream().map(title -> RunBot.queued("user", "user#BOT#" + title.hashCode(),
                "B" + Math.abs(title.hashCode()), title, AT)).toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RunReportWriter(new ObjectMapper()).csv(bots.iterator(), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        for (char separator : new char[] {',', ';', '\t', '|'}) {
            for (boolean quotesHonoured : new boolean[] {true, false}) {
                // A spreadsheet splitting on another separator takes the text after a closing quote too.
                CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(separator).setTrailingData(true)
                        .setQuote(quotesHonoured ? Character.valueOf('"') : null).get();
                for (CSVRecord record : format.parse(new StringReader(csv))) {
                    for (String cell : record) {
                        String text = cell.startsWith("\"") ? cell.substring(1) : cell;
                        for (String line : text.split("[\r\n]", -1)) {
                            assertTrue(line.isEmpty() || "=+-@\t\r".indexOf(line.charAt(0)) < 0,
                                    "separator '" + separator + "', quotes " + quotesHonoured + ": a cell starts a formula: "
                                            + line);
                        }
                    }
                }
            }
        }
        for (String title : titles) {
            assertTrue(csv.contains('"' + CsvCells.neutralised(title).replace("\"", "\"\"") + '"'), "every text cell quoted");
        }
    }

    @Test
    void tenThousandBotsAreWrittenAsTheyComeWithinABoundedHeap() throws IOException {
        int count = 10_000;
        String reason = "Failed to load https://docs.example.com/" + "x".repeat(2_000);
        long[] written = new long[1];
        long[] keptWhenLastRead = new long[1];
        // Whether the writer keeps the bots it has written, seen through weak references: whatever else the
        // JVM's other threads keep alive meanwhile (a whole-heap reading counted them too).
        List<java.lang.ref.WeakReference<RunBot>> made = new java.util.ArrayList<>();
        Iterator<RunBot> bots = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return made.size() < count;
            }

            @Override
            public RunBot next() {
                int number = made.size() + 1;
                if (number == count) {
                    collectGarbage();
                    keptWhenLastRead[0] = made.stream().filter(bot -> bot.get() != null).count();
                }
                RunBot bot = RunBot.queued("user" + number, "user" + number + "#BOT#B" + number, "B" + number,
                        "Bot " + number, AT).failed(reason, FailureKind.CONTENT, AT);
                made.add(new java.lang.ref.WeakReference<>(bot));
                return bot;
            }
        };
        OutputStream counting = new OutputStream() {
            @Override
            public void write(int b) {
                written[0]++;
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written[0] += len;
            }
        };
        long[] writtenWhenLastRead = new long[1];
        Iterator<RunBot> watched = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return bots.hasNext();
            }

            @Override
            public RunBot next() {
                RunBot bot = bots.next();
                if (!bots.hasNext()) {
                    writtenWhenLastRead[0] = written[0];
                }
                return bot;
            }
        };

        new RunReportWriter(new ObjectMapper()).csv(watched, counting);

        System.out.printf("10,000-bot CSV report: %d bytes, %d of them out before the last bot was read; %d of the "
                + "9,999 bots written before it still in memory%n", written[0], writtenWhenLastRead[0], keptWhenLastRead[0]);
        assertTrue(written[0] > 20_000_000L, "the report is over 20 MB: " + written[0]);
        assertTrue(writtenWhenLastRead[0] > written[0] * 0.99, "all but the last rows were out before the last bot "
                + "was read: " + writtenWhenLastRead[0] + " of " + written[0]);
        assertTrue(keptWhenLastRead[0] <= 10, "the bots written are not kept (at most a few in a buffer): "
                + keptWhenLastRead[0] + " of " + (count - 1));
    }

    private static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    /** Each attempt is a row, earlier ones first; times are dates and times a spreadsheet reads, in UTC. */
    @Test
    void everyAttemptIsARowWithTimesASpreadsheetReads() throws IOException {
        RunBot failedOnce = RunBot.queued("u", "u#BOT#b", "b", "Asystent – zażółć 社内", AT).launching("t1")
                .launched("arn:aws:ecs:task/c/first", "PROVISIONING", AT)
                .failed("Embedding failed: 404", FailureKind.CONTENT, AT.plusMillis(61_250))
                .retried(AT.plusSeconds(120), "alice").launching("t2")
                .launched("arn:aws:ecs:task/c/second", "PROVISIONING", AT.plusSeconds(121));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new RunReportWriter(new ObjectMapper()).csv(List.of(failedOnce).iterator(), out);

        List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(out.toString(StandardCharsets.UTF_8).substring(1))).getRecords();
        assertEquals(2, rows.size());
        assertEquals(List.of("1", "2"), rows.stream().map(row -> row.get("attempt")).toList());
        assertEquals("Asystent – zażółć 社内", rows.get(0).get("title"));
        assertEquals("FAILED", rows.get(0).get("state"));
        assertEquals("content", rows.get(0).get("failureKind"));
        assertEquals("arn:aws:ecs:task/c/first", rows.get(0).get("taskArn"));
        assertEquals("2026-12-01 10:00:00.000", rows.get(0).get("launchedAt (UTC)"));
        assertEquals("2026-12-01 10:01:01.250", rows.get(0).get("finishedAt (UTC)"));
        assertEquals("61.25", rows.get(0).get("durationSeconds"));
        assertEquals("STARTING", rows.get(1).get("state"));
        assertEquals("2026-12-01 10:02:01.000", rows.get(1).get("launchedAt (UTC)"));
        assertEquals("title", rows.get(0).getParser().getHeaderNames().get(0), "the title first");
    }

    @Test
    void theJsonReportListsTheSameFieldsPerBot() throws IOException {
        ObjectMapper json = new ObjectMapper().findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        RunBot bot = RunBot.queued("u", "u#BOT#b", "b", "=1+1", AT).launching("tok").launched("arn:aws:ecs:task/c/abc",
                "PROVISIONING", AT);
        io.reembed.runs.Run run = new io.reembed.runs.Run("r1", AT, "alice", new io.reembed.deployment.EcsLaunchSettings(
                "cluster", "family:3", "Container", List.of("subnet-1"), List.of("sg-1"), "DISABLED", "123456789012",
                "eu-central-1"), io.reembed.runs.RunState.RUNNING, false, 1,
                List.of(new io.reembed.runs.AuditEvent(AT, "alice", "started", "1 bot")), null, "1 selected bot",
                io.reembed.runs.RunTally.NONE, io.reembed.runs.Steering.DEFAULT);
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        new RunReportWriter(json).json(run, null, List.of(bot).iterator(), out, written -> {
            throw new AssertionError("no estimate: no figures to sum");
        });

        var tree = json.readTree(out.toByteArray());
        assertEquals("r1", tree.path("run").path("id").asText());
        assertEquals("123456789012", tree.path("run").path("ecs").path("account").asText(), "the account");
        assertEquals("family:3", tree.path("run").path("ecs").path("taskDefinition").asText());
        assertEquals("started", tree.path("run").path("audit").get(0).path("action").asText(), "the audit trail");
        assertEquals(10, tree.path("run").path("steering").path("brakeAfter").asInt(), "the failure brake");
        assertEquals("=1+1", tree.path("bots").get(0).path("title").asText(), "JSON keeps the title as typed");
        assertEquals("arn:aws:ecs:task/c/abc", tree.path("bots").get(0).path("taskArn").asText());
        assertEquals(BotState.STARTING.name(), tree.path("bots").get(0).path("state").asText());
        assertTrue(tree.path("actual").isNull(), "no estimate at launch: no actual figures beside it");
        assertEquals("2026-12-01T10:00:00Z", tree.path("bots").get(0).path("launchedAt").asText());
    }
}
