package io.reembed.bots;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.web.BrowserSession;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Ticked bots are kept across pages and filters, counted, cleared, and are what "Re-embed the ticked" confirms. */
@QuarkusTest
class TickedBotsTest {

    private static final Pattern REF = Pattern.compile("name=\"bot\" value=\"([^\"]+)\"");
    private static final Pattern COUNT = Pattern.compile("id=\"ticked-count\">(\\d+)<");

    BrowserSession browser;
    String selection;

    @BeforeEach
    void openTheList() {
        browser = BrowserSession.open();
        selection = null;
    }

    @Test
    void ticksSurvivePagingAndAreWhatIsConfirmed() {
        List<String> firstPage = refs(list("/bots?knowledge=yes&sort=title"));

        assertEquals("1", count(toggle(firstPage.get(0))));
        assertEquals("2", count(toggle(firstPage.get(1))));
        assertEquals("2", count(list("/bots?sort=title&page=2")), "another page keeps the ticks");
        String filtered = list("/bots?status=FAILED");
        assertEquals("2", count(filtered), "a filter keeps the ticks");
        assertTrue(filtered.contains("Re-embed the 2 ticked"));

        assertEquals("1", count(toggle(firstPage.get(1))), "a second click unticks");
        String page = list("/bots?knowledge=yes&sort=title");
        assertTrue(page.contains("value=\"" + firstPage.get(0) + "\" aria-label=\"tick ") && checked(page, firstPage.get(0)),
                "the ticked row is shown ticked");

        String confirm = form().formParam("scope", "checked").when().post("/runs/confirm").then().statusCode(200)
                .body(containsString("Selection: 1 selected bot.")).extract().asString();
        assertTrue(confirm.contains("id=\"launch-count\">1<"), "exactly the ticked bot");
    }

    @Test
    void aWholePageIsTickedAndEverythingClearedWithOrWithoutHtmx() {
        toggle(refs(list("/bots")).get(0));
        form().redirects().follow(false).formParam("page", "1").when().post("/bots/selection/page").then()
                .statusCode(303).header("Location", org.hamcrest.Matchers.startsWith("/bots?"));
        assertEquals("50", count(list("/bots")), "every row of the page, the one ticked before among them");

        String cleared = form().header("HX-Request", "true").formParam("page", "1").when().post("/bots/selection/clear")
                .then().statusCode(200).extract().asString();
        assertEquals("0", count(cleared));
        assertTrue(cleared.contains("id=\"select-checked\" disabled"), "nothing ticked, nothing to re-embed");
    }

    /** Without JavaScript: the page's checkboxes posted with "Keep the ticks of this page", then launched as ticked. */
    @Test
    void theCheckboxesOfAPageAreTickedByAPlainFormPost() {
        String first = list("/bots?knowledge=yes&sort=title");
        assertTrue(first.contains("id=\"keep-ticks\""), "offered to browsers without JavaScript");
        List<String> firstPage = refs(first);
        // A tick elsewhere (a bot without knowledge, on another list) is kept.
        toggle(refs(list("/bots?knowledge=no")).get(0));
        var posted = form().redirects().follow(false).formParam("knowledge", "yes").formParam("sort", "title")
                .formParam("page", "1").formParam("bot", firstPage.get(0)).formParam("bot", firstPage.get(2)).when()
                .post("/bots/selection/chosen").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.startsWith("/bots?")).extract();
        if (posted.cookie("reembed-selection") != null) {
            selection = posted.cookie("reembed-selection");
        }
        assertEquals("3", count(list("/bots?knowledge=yes&sort=title")), "two of this page, the one elsewhere kept");
        // Unticked on the page now: only what the boxes say stays.
        form().redirects().follow(false).formParam("knowledge", "yes").formParam("sort", "title").formParam("page", "1")
                .formParam("bot", firstPage.get(2)).when().post("/bots/selection/chosen").then().statusCode(303);
        String page = list("/bots?knowledge=yes&sort=title");
        assertEquals("2", count(page));
        assertTrue(checked(page, firstPage.get(2)) && !checked(page, firstPage.get(0)));
        form().redirects().follow(false).formParam("page", "1").formParam("bot", "forged").when()
                .post("/bots/selection/chosen").then().statusCode(400);
    }

    @Test
    void aForgedReferenceTicksNothing() {
        form().header("HX-Request", "true").formParam("ref", "not-a-ref").when().post("/bots/selection/toggle").then()
                .statusCode(400);
        given().header("HX-Request", "true").formParam("ref", "x").when().post("/bots/selection/toggle").then()
                .statusCode(403);
    }

    private String toggle(String ref) {
        Response response = form().header("HX-Request", "true").formParam("ref", ref).when()
                .post("/bots/selection/toggle");
        assertEquals(200, response.statusCode(), response.asString());
        if (response.cookie("reembed-selection") != null) {
            selection = response.cookie("reembed-selection");
        }
        return response.asString();
    }

    private RequestSpecification form() {
        RequestSpecification request = browser.form();
        return selection == null ? request : request.cookie("reembed-selection", selection);
    }

    private String list(String path) {
        RequestSpecification request = given();
        if (selection != null) {
            request = request.cookie("reembed-selection", selection);
        }
        return request.when().get(path).then().statusCode(200).extract().asString();
    }

    private static List<String> refs(String html) {
        List<String> refs = new ArrayList<>();
        Matcher matcher = REF.matcher(html);
        while (matcher.find()) {
            refs.add(matcher.group(1));
        }
        return refs;
    }

    private static boolean checked(String html, String ref) {
        int at = html.indexOf("value=\"" + ref + "\"");
        return html.substring(at, html.indexOf('>', at)).contains(" checked");
    }

    private static String count(String html) {
        Matcher matcher = COUNT.matcher(html);
        assertTrue(matcher.find(), "no ticked count in " + html.substring(0, Math.min(200, html.length())));
        return matcher.group(1);
    }
}
