package io.reembed.estimate;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.bots.BotCatalog;
import io.reembed.config.ReembedConfig;
import io.reembed.local.BotItems;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.runs.RunTestSupport;
import io.reembed.web.BrowserSession;
import io.restassured.path.json.JsonPath;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Estimates before a launch (page and dry run), figures after, reports, and the restore page, on the demo. */
@QuarkusTest
class EstimateAndReportsTest {

    private static final String USER = "report-user";
    private static final List<String> TITLES = List.of("=HYPERLINK(\"http://evil.example\",\"x\")", "@SUM(A1:A2)",
            "-1+2, \"quoted\"");

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Inject
    DynamoDbClient dynamo;

    @Inject
    BotCatalog catalog;

    @Test
    void aDryRunEstimatesAndLaunchesNothing() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        int runsBefore = given().when().get("/api/runs").then().extract().jsonPath().getList("runs").size();
        int withKnowledge = given().queryParam("hasKnowledge", "true").when().get("/api/bots").then().extract()
                .path("total");

        JsonPath estimate = given().contentType("application/json")
                .body(Map.of("filter", Map.of("hasKnowledge", true), "maxInFlight", 4)).when()
                .post("/api/runs?dryRun=true").then().statusCode(200).extract().jsonPath();

        int tasks = estimate.getInt("tasks");
        assertEquals(withKnowledge, tasks + estimate.getList("excluded").size());
        assertTrue(estimate.getInt("sources") >= tasks, "every bot with knowledge has a source");
        assertEquals(4, estimate.getInt("tasksAtOnce"), "the run's own share");
        assertEquals(tasks / config.runs().runTaskRate(), estimate.getDouble("launchTimeSeconds"), 1e-6);
        assertTrue(estimate.getDouble("expectedDurationSeconds") > estimate.getDouble("launchTimeSeconds"));
        // The demo's task definition: 1 vCPU, 2 GB, in us-east-1.
        assertTrue(estimate.getDouble("fargateCostUsd") > 0, estimate.prettify());
        assertTrue(estimate.getString("costBasis").contains("us-east-1"), estimate.getString("costBasis"));
        assertTrue(estimate.getList("notIncluded").toString().contains("embedding model fees"));
        assertEquals(0, emulator.runTaskCalls(), "no RunTask call reached the emulator");
        assertEquals(runsBefore, given().when().get("/api/runs").then().extract().jsonPath().getList("runs").size(),
                "no run stored");

        given().contentType("application/json").body(Map.of("filter", Map.of("hasKnowledge", "maybe"))).when()
                .post("/api/runs?dryRun=true").then().statusCode(400);

        // The confirmation page shows the same estimate.
        BrowserSession.open().form().formParam("scope", "filter").formParam("knowledge", "yes").when()
                .post("/runs/confirm").then().statusCode(200).body(containsString("id=\"estimate-cost\""))
                .body(containsString("id=\"estimate-tasks\">" + tasks + "<"))
                .body(containsString("Not included: embedding model fees"));
    }

    @Test
    void aRunsFiguresStandBesideItsEstimateAndItsReportsOpenWithNoFormula() throws IOException {
        try {
            String id = runOfHostileTitles();

            JsonPath costs = given().when().get("/api/runs/" + id + "/estimate").then().statusCode(200).extract()
                    .jsonPath();
            assertEquals(3, costs.getInt("estimate.tasks"));
            assertEquals(3, costs.getInt("actual.tasks"));
            assertTrue(costs.getDouble("actual.taskSeconds") > 0);
            assertTrue(costs.getDouble("actual.fargateCostUsd") > 0);
            given().when().get("/runs/" + id).then().statusCode(200).body(containsString("id=\"run-figures\""))
                    .body(containsString("href=\"/runs/" + id + "/report.csv\""));

            String csv = given().when().get("/runs/" + id + "/report.csv").then().statusCode(200)
                    .contentType(containsString("text/csv"))
                    .header("Content-Disposition", "attachment; filename=\"run-" + id + ".csv\"").extract().asString();
            assertTrue(csv.startsWith("\uFEFFtitle,"), "a byte-order mark, then the header, title first");
            List<CSVRecord> rows = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(new StringReader(csv.substring(1))).getRecords();
            assertEquals(3, rows.size());
            for (CSVRecord row : rows) {
                assertTrue(row.get("title").startsWith("'"), "neutralised: " + row.get("title"));
                assertTrue(TITLES.contains(row.get("title").substring(1)), row.get("title"));
                assertEquals("SUCCEEDED", row.get("state"));
                assertTrue(row.get("taskArn").startsWith("arn:aws:ecs:"));
                assertEquals("0", row.get("exitCode"));
            }
            given().when().get("/api/runs/" + id + "/report.json").then().statusCode(200)
                    .body("run.id", equalTo(id)).body("bots.size()", equalTo(3))
                    .body("run.estimateAtLaunch.tasks", equalTo(3))
                    .body("actual.tasks", equalTo(3)).body("actual.live", equalTo(false))
                    .body("actual.fargateCostUsd", org.hamcrest.Matchers.greaterThan(0f))
                    .body("bots.title", org.hamcrest.Matchers.containsInAnyOrder(TITLES.toArray()));
            given().when().get("/api/runs/nope/report.csv").then().statusCode(404);
            given().when().get("/api/runs/nope/estimate").then().statusCode(404).body("error", containsString("nope"));
        } finally {
            for (int i = 0; i < TITLES.size(); i++) {
                String sk = USER + "#BOT#R" + i;
                dynamo.deleteItem(b -> b.tableName(DemoModeConfigSourceFactory.DEMO_TABLE)
                        .key(Map.of("PK", AttributeValue.fromS(USER), "SK", AttributeValue.fromS(sk))));
            }
            catalog.invalidate();
        }
    }

    private String runOfHostileTitles() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        for (int i = 0; i < TITLES.size(); i++) {
            var item = BotItems.bot(USER, "R" + i).title(TITLES.get(i))
                    .knowledge(List.of("https://docs.example.com/report-" + i), List.of(), List.of())
                    .syncStatus("SUCCEEDED", "").lastBotUsed(1_700_000_000_000L).build();
            dynamo.putItem(b -> b.tableName(DemoModeConfigSourceFactory.DEMO_TABLE).item(item));
        }
        catalog.invalidate();
        List<Map<String, Object>> bots = List.of(0, 1, 2).stream()
                .map(i -> Map.<String, Object>of("pk", USER, "sk", USER + "#BOT#R" + i)).toList();
        String id = RunTestSupport.start(bots);
        JsonPath run = RunTestSupport.awaitEnd(id);
        assertEquals("FINISHED", run.getString("state"), run.prettify());
        return id;
    }

    @Test
    void theRestorePageSetsThisDeploymentBesideTheSnapshotPath() {
        given().when().get("/restore").then().statusCode(200)
                .body(containsString("id=\"restore-compare\""))
                .body(containsString("aws rds create-db-cluster-snapshot --region us-east-1"))
                .body(containsString("bedrockchatstack-before-aurora-replacement"))
                .body(containsString("did not support pgvector natively"));
        given().when().get("/bots").then().body(containsString("href=\"/restore\""));
    }
}
