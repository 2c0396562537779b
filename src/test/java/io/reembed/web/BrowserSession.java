package io.reembed.web;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.specification.RequestSpecification;

/**
 * What a browser holds after loading a page: the anti-CSRF cookie (the token signed), and the
 * token its forms and htmx requests repeat.
 */
public record BrowserSession(String cookie, String token) {

    public static final String COOKIE = "reembed-csrf";

    public static BrowserSession open() {
        var response = given().when().get("/bots").then().statusCode(200).extract();
        String cookie = response.cookie(COOKIE);
        Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(response.asString());
        if (cookie == null || !field.find()) {
            throw new AssertionError("the page did not hand out an anti-CSRF cookie and field");
        }
        return new BrowserSession(cookie, field.group(1));
    }

    /** A form post as the console's own pages send it. */
    public RequestSpecification form() {
        return given().cookie(COOKIE, cookie).formParam("csrf", token);
    }
}
