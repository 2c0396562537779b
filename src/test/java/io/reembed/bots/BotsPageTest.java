package io.reembed.bots;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.local.DemoDataSet;
import io.reembed.local.DemoModeConfigSourceFactory;

/** The bot list over HTTP, against the seeded demo table in the DynamoDB emulator. */
@QuarkusTest
class BotsPageTest {

    private static final Pattern ROW = Pattern.compile("<tr class=\"bot[^\"]*\">");

    @Test
    void rootRedirectsToTheBotList() {
        given().redirects().follow(false).when().get("/")
                .then().statusCode(303).header("Location", equalTo("/bots"));
    }

    @Test
    void showsTheWholePageWithModeRegionAndTable() throws java.io.IOException {
        String html = given().when().get("/bots").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Vary", containsString("HX-Request"))
                .header("Cache-Control", containsString("no-store"))
                .extract().asString();

        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("mode-demo"));
        assertTrue(html.contains(DemoModeConfigSourceFactory.DEMO_TABLE));
        assertTrue(html.contains(DemoModeConfigSourceFactory.DEMO_REGION));
        assertTrue(html.contains("the demo: no AWS account is used (emulated <code>123456789012</code>)"),
                "the account, named by GetCallerIdentity through the STS client and the demo's STS");
        assertTrue(html.contains("<strong>60</strong> of 60 bots match"), "summary line");
        assertTrue(html.contains("index LastBotUsedIndex"));
        assertTrue(html.contains("/webjars/htmx.org/2.0.10/dist/htmx.min.js"));
        assertEquals(50, rows(html), "first page holds the page size");
        // Paging scrolls to the top and hands focus to the summary of the new page.
        assertTrue(html.contains("hx-swap=\"outerHTML show:window:top\" hx-push-url=\"true\" rel=\"next\" "
                + "data-focus-after=\"results-summary\""), "the pager");
        assertTrue(html.contains("<p class=\"summary\" id=\"results-summary\" tabindex=\"-1\">"));
        // A search typed while the stuck check reloads the list wins: both requests are synchronised on the form,
        // a newer search replaces what is in flight, and the reload (with the form's values) gives way to a search.
        assertTrue(html.contains("hx-sync=\"this:replace\""), "the filter form replaces its own requests in flight");
        String template = new String(getClass().getResourceAsStream("/templates/BotsResource/bots.html").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(template.contains("id=\"stuck-check\"{#if report.checking} hx-get=\"/bots\" hx-include=\"#filters\" "
                + "hx-sync=\"#filters:drop\""), "the stuck check's reload reads the form as it is now, and yields to a search");
    }

    /** "Read the table again" pressed within the minimum interval says so, instead of silently showing the old list. */
    @Test
    void aRefreshRefusedWithinTheMinimumIntervalSaysSo() {
        // Two presses in a row: the second within the 1 s interval (tried again should a busy machine space them further).
        boolean refused = false;
        for (int pair = 0; pair < 5 && !refused; pair++) {
            given().queryParam("refresh", "true").when().get("/bots").then().statusCode(200);
            refused = given().header("HX-Request", "true").queryParam("refresh", "true").when().get("/bots").then()
                    .statusCode(200).extract().asString().contains("id=\"refresh-notice\" role=\"status\">Not read again: "
                            + "the table is read at most once every 1 s; the list below was read 0 s ago.");
        }
        assertTrue(refused, "a refresh within the interval says it was not made");
        given().when().get("/bots").then().statusCode(200).body(org.hamcrest.Matchers.not(containsString("refresh-notice")));
    }

    @Test
    void servesOnlyTheFragmentToHtmx() {
        String html = given().header("HX-Request", "true").when().get("/bots?page=2").then().statusCode(200)
                .extract().asString();

        assertTrue(html.strip().startsWith("<div id=\"results\">"), html.substring(0, 80));
        assertFalse(html.contains("<html"));
        assertEquals(10, rows(html), "60 bots, 50 on the first page");
        assertTrue(html.contains("Page 2 of 2"));
    }

    @Test
    void servesTheWholePageToAHistoryRestore() {
        given().header("HX-Request", "true").header("HX-History-Restore-Request", "true")
                .when().get("/bots").then().statusCode(200).body(containsString("<!DOCTYPE html>"));
    }

    @Test
    void filtersByFreeTextOverTitleOwnerAndBotId() {
        String html = given().queryParam("q", "KSIĘGOWOŚCI").when().get("/bots").then().statusCode(200)
                .extract().asString();
        assertEquals(1, rows(html));
        assertTrue(html.contains(DemoDataSet.POLISH_TITLE));

        String owner = DemoDataSet.users(12).get(3);
        String byOwner = given().queryParam("q", owner).when().get("/bots").then().extract().asString();
        assertTrue(rows(byOwner) >= 1);
        assertEquals(rows(byOwner), count(byOwner, "<code class=\"id\">" + owner + "</code>"));
    }

    @Test
    void filtersBySyncStatusAndKnowledge() {
        String failed = given().queryParam("status", "failed").when().get("/bots").then().statusCode(200)
                .extract().asString();
        assertTrue(rows(failed) > 0);
        assertEquals(rows(failed), count(failed, "class=\"status status-FAILED\""));

        String never = given().queryParam("status", "NONE").when().get("/bots").then().extract().asString();
        assertEquals(rows(never), count(never, "class=\"status status-NONE\""));
        assertTrue(rows(never) > 0, "the demo has bots that were never synced");

        String without = given().queryParam("knowledge", "no").when().get("/bots").then().extract().asString();
        assertTrue(rows(without) > 0);
        assertEquals(rows(without), count(without, "class=\"knowledge none"), "every row without knowledge, readable or not");
    }

    @Test
    void sortsByTitleBothWays() {
        String ascending = given().queryParam("sort", "title").queryParam("dir", "asc").queryParam("knowledge", "yes")
                .when().get("/bots").then().extract().asString();
        String descending = given().queryParam("sort", "title").queryParam("dir", "desc").queryParam("knowledge", "yes")
                .when().get("/bots").then().extract().asString();
        assertTrue(ascending.contains("aria-sort=\"ascending\""));
        assertTrue(descending.contains("aria-sort=\"descending\""));
        assertFalse(firstTitle(ascending).equals(firstTitle(descending)));
    }

    @Test
    void rendersHostileTitlesInert() {
        String html = given().queryParam("page", 1).queryParam("sort", "title").when().get("/bots").then()
                .statusCode(200).extract().asString()
                + given().queryParam("page", 2).queryParam("sort", "title").when().get("/bots").then()
                .extract().asString();

        assertFalse(html.contains("<script>alert"), "a title must never become a script element");
        assertFalse(html.contains("<img src=x"), "a title must never become an element");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; Sales bot"));
        assertTrue(html.contains("Tom &amp; Jerry&#39;s &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt;"));
        assertTrue(html.contains(DemoDataSet.JAPANESE_TITLE));
        assertTrue(html.contains(DemoDataSet.LONG_TITLE));
        assertTrue(html.contains("(untitled)"), "the item without a title is listed");
        assertTrue(html.contains("unreadable: "), "the malformed item is listed and flagged");
    }

    @Test
    void saysWhichFilterValueItDoesNotKnowInsteadOfListingEverything() {
        given().queryParam("status", "FAILD").when().get("/bots").then().statusCode(400)
                .body(containsString("Unknown SyncStatus &quot;FAILD&quot;; accepted: QUEUED, RUNNING, SUCCEEDED, FAILED"))
                .body(not(containsString("bots match")));
        given().queryParam("status", "<b>").when().get("/bots").then().statusCode(400).body(not(containsString("<b>")));
        given().queryParam("sort", "drop table").when().get("/bots").then().statusCode(400)
                .body(containsString("Unknown sort"));
        given().queryParam("knowledge", "maybe").header("HX-Request", "true").when().get("/bots").then()
                .statusCode(400).body(containsString("Unknown knowledge &quot;maybe&quot;; accepted: yes, no"));
        given().queryParam("status", "failed").queryParam("page", "-4").when().get("/bots").then().statusCode(200)
                .body(containsString("of 60 bots match"));
        given().queryParam("page", "banana").when().get("/bots").then().statusCode(404);
    }

    @Test
    void theKnowledgeCellOpensToItsSources() {
        given().queryParam("knowledge", "yes").when().get("/bots").then().statusCode(200)
                .body(containsString("<details class=\"sources\">"))
                .body(containsString("<li>URL <code>https://docs.example.com/team-"));
    }

    @Test
    void aPageBeyondTheLastShowsTheLast() {
        given().queryParam("page", 99).when().get("/bots").then().statusCode(200)
                .body(containsString("Page 2 of 2"));
    }

    @Test
    void readsTheTableAgainOnRequestButAtMostOncePerInterval() {
        String before = loadedAt(given().when().get("/bots").then().extract().asString());
        String refreshed = Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> loadedAt(given().queryParam("refresh", "true").when().get("/bots").then().statusCode(200)
                        .body(containsString("of 60 bots match")).extract().asString()), after -> !after.equals(before));

        String again = loadedAt(given().queryParam("refresh", "true").when().get("/bots").then().extract().asString());
        assertEquals(refreshed, again, "a second refresh right away is served from memory");
    }

    private static int rows(String html) {
        return count(ROW, html);
    }

    private static int count(String html, String needle) {
        return count(Pattern.compile(Pattern.quote(needle)), html);
    }

    private static int count(Pattern pattern, String html) {
        Matcher matcher = pattern.matcher(html);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    private static String loadedAt(String html) {
        Matcher matcher = Pattern.compile("Read from [^<]* at (\\S+) in").matcher(html);
        assertTrue(matcher.find());
        return matcher.group(1);
    }

    private static String firstTitle(String html) {
        Matcher matcher = Pattern.compile("<td class=\"title\">\\s*<span[^>]*>([^<]*)</span>").matcher(html);
        assertTrue(matcher.find());
        return matcher.group(1);
    }
}
