package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.containsStringIgnoringCase;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class SecurityHeadersTest {

    @Test
    void everyAnswerCarriesTheSecurityHeaders() {
        check(given(), "/bots", "text/html");
        check(given().header("HX-Request", "true"), "/bots", "text/html");
        check(given(), "/api/bots", "application/json");
        check(given(), "/runs", "text/html");
        check(given(), "/app.css", "text/css");
    }

    @Test
    void fragmentsAndApiAnswersAreNeverCached() {
        given().header("HX-Request", "true").when().get("/bots").then().header("Cache-Control", equalTo("no-store"));
        given().when().get("/api/bots").then().header("Cache-Control", equalTo("no-store"));
        given().when().get("/api/runs").then().header("Cache-Control", equalTo("no-store"));
    }

    @Test
    void pagesHaveNoInlineScript() {
        given().when().get("/bots").then().body(not(containsString("<script>")))
                .body(containsString("<script src=\"/webjars/htmx.org/2.0.10/dist/htmx.min.js\" defer></script>"));
    }

    @Test
    void theAntiCsrfCookieIsHttpOnlyAndSameSiteStrict() {
        given().when().get("/bots").then().header("Set-Cookie", containsString("reembed-csrf="))
                .header("Set-Cookie", containsStringIgnoringCase("HttpOnly")).header("Set-Cookie", containsString("SameSite=Strict"));
    }

    private static void check(RequestSpecification request, String path, String type) {
        request.when().get(path).then().statusCode(200).contentType(containsString(type))
                .header("Content-Security-Policy", containsString("script-src 'self'"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Content-Security-Policy", not(containsString("unsafe-inline")))
                .header("X-Content-Type-Options", equalTo("nosniff"))
                .header("X-Frame-Options", equalTo("DENY"));
    }
}
