package io.reembed.web;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.specification.RequestSpecification;

/** What a browser holds after loading a page: the anti-CSRF cookie, and the token its forms repeat. */
public record BrowserSession(String token) {

    public static BrowserSession open() {
        var response = given().when().get("/bots").then().statusCode(200).extract();
        String cookie = response.cookie("reembed-csrf");
        Matcher field = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(response.asString());
        if (cookie == null || !field.find() || !field.group(1).equals(cookie)) {
            throw new AssertionError("the page did not hand out a matching anti-CSRF cookie and field");
        }
        return new BrowserSession(cookie);
    }

    /** A form post as the console's own pages send it. */
    public RequestSpecification form() {
        return given().cookie("reembed-csrf", token).formParam("csrf", token);
    }
}
