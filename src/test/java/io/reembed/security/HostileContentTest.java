package io.reembed.security;

import static io.reembed.runs.RunTestSupport.awaitEnd;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.ecs.EmulatorSettings;
import io.reembed.web.BrowserSession;

/** Titles typed by end users come back inert on every page that shows them: confirmation, run, history. */
@QuarkusTest
class HostileContentTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @Test
    void hostileTitlesAreEscapedOnRunPages() {
        emulator.reset(EmulatorSettings.from(config.ecsEmulator()).toBuilder().maxConcurrentTasks(0).build());
        BrowserSession browser = BrowserSession.open();
        String confirm = browser.form().formParam("scope", "filter").formParam("q", "alert")
                .when().post("/runs/confirm").then().statusCode(200).extract().asString();
        assertInert(confirm);
        assertTrue(confirm.contains("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt; Sales bot"), confirm);

        List<Map<String, Object>> bots = given().queryParam("q", "<").when().get("/api/bots").then().extract()
                .jsonPath().getList("bots");
        String id = given().contentType("application/json").body(Map.of("bots", bots.stream()
                .map(bot -> Map.of("pk", bot.get("pk"), "sk", bot.get("sk"))).toList(), "includeWithoutKnowledge", true))
                .when().post("/api/runs").then().statusCode(201).extract().path("id");
        awaitEnd(id);
        String page = given().when().get("/runs/" + id).then().statusCode(200).extract().asString();
        assertInert(page);
        assertTrue(page.contains("Tom &amp; Jerry&#39;s &quot;quotes&quot; &lt;b&gt;bold&lt;/b&gt;"));
    }

    private static void assertInert(String html) {
        assertFalse(html.contains("<script>alert"), "a title became a script element");
        assertFalse(html.contains("<img src=x"), "a title became an element");
        assertFalse(html.contains("<b>bold</b>"), "a title became markup");
    }
}
