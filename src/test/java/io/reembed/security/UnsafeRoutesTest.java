package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.web.BrowserSession;
import io.restassured.specification.RequestSpecification;

/**
 * Every state-changing route of the application, found by walking its resource classes (so a new
 * route cannot slip through), refuses what a page of another site can send: a bodiless or
 * text/plain POST (what a no-cors fetch sends), a multipart or form body without the anti-CSRF
 * token, and a request with the token but marked cross-site by the browser. Nothing is launched,
 * stored or changed meanwhile. In the demo, which has no login: the worst case.
 */
@QuarkusTest
class UnsafeRoutesTest {

    private static final String RUN = "r20260101-000000-abcdef";

    @Inject
    EngineMetrics metrics;

    record Route(String method, String path) {
        boolean api() {
            return path.startsWith("/api/");
        }
    }

    @Test
    void everyUnsafeRouteRefusesWhatAnotherSiteCanSend() throws Exception {
        List<Route> routes = unsafeRoutes();
        assertTrue(routes.size() >= 15, "the walk found the application's unsafe routes: " + routes);
        BrowserSession browser = BrowserSession.open();
        int runsBefore = runCount();
        long runTasksBefore = metrics.runTaskCalls();
        for (Route route : routes) {
            if (route.api()) {
                send(given(), route).then().statusCode(415);
                send(given().contentType("text/plain").body("{}"), route).then().statusCode(415);
                send(given().contentType("application/json").body("{}").header("Origin", "https://evil.example"),
                        route).then().statusCode(403).body("error", containsString("another site"));
                send(given().contentType("application/json").body("{}").header("Sec-Fetch-Site", "same-site"),
                        route).then().statusCode(403);
                continue;
            }
            refusedAsCsrf(send(given(), route), route);
            refusedAsCsrf(send(given().contentType("text/plain").body("csrf=" + browser.token()), route), route);
            refusedAsCsrf(send(given().cookie(BrowserSession.COOKIE, browser.cookie()).contentType("application/json")
                    .body("{}"), route), route);
            // No form route takes multipart at all (415); one that did would meet the token check.
            send(given().cookie(BrowserSession.COOKIE, browser.cookie()).multiPart("kind", "content"), route).then()
                    .statusCode(anyOf(equalTo(403), equalTo(400), equalTo(415)));
            refusedAsCsrf(send(given().cookie(BrowserSession.COOKIE, browser.cookie()).formParam("kind", "content"),
                    route), route);
            refusedAsCsrf(send(browser.form().header("Sec-Fetch-Site", "cross-site"), route), route);
            refusedAsCsrf(send(browser.form().header("Origin", "https://evil.example"), route), route);
        }
        assertEquals(runsBefore, runCount(), "no run was started");
        assertEquals(runTasksBefore, metrics.runTaskCalls(), "no RunTask was sent");
    }

    @Test
    void theConsolesOwnFormsStillWork() {
        BrowserSession browser = BrowserSession.open();
        // A browser sends "Origin: null" with a page's own form post under Referrer-Policy: no-referrer.
        browser.form().redirects().follow(false).header("Sec-Fetch-Site", "same-origin").header("Origin", "null")
                .when().post("/preflight/check-again").then().statusCode(303);
        // htmx sends the token as a header, with a form body.
        given().cookie(BrowserSession.COOKIE, browser.cookie()).header("X-CSRF-Token", browser.token())
                .contentType("application/x-www-form-urlencoded").redirects().follow(false).when()
                .post("/preflight/check-again").then().statusCode(303);
        // A forged header token is checked by the library, not waved through.
        given().cookie(BrowserSession.COOKIE, browser.cookie()).header("X-CSRF-Token", "forged")
                .redirects().follow(false).when().post("/preflight/check-again").then().statusCode(not(is(303)));
    }

    /** A primitive boolean parameter gets "0" when absent, and the strict converter would refuse every request. */
    @Test
    void booleanParametersAreDeclaredAsBooleanObjects() throws Exception {
        List<String> primitive = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
            for (Method method : type.getDeclaredMethods()) {
                for (java.lang.reflect.Parameter parameter : method.getParameters()) {
                    if (parameter.getType() == boolean.class && parameter.getAnnotations().length > 0) {
                        primitive.add(type.getSimpleName() + "." + method.getName() + "(" + parameter.getName() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), primitive);
    }

    private static void refusedAsCsrf(io.restassured.response.Response response, Route route) {
        response.then().statusCode(anyOf(equalTo(403), equalTo(400)));
        assertTrue(response.asString().contains("Refused"), route + " answered " + response.statusCode() + ": "
                + response.asString());
    }

    private static io.restassured.response.Response send(RequestSpecification request, Route route) {
        return request.redirects().follow(false).when().request(route.method(), route.path());
    }

    private static int runCount() {
        return given().when().get("/api/runs").then().statusCode(200).extract().jsonPath().getList("runs").size();
    }

    /** The application's JAX-RS resource classes, read from the compiled classes. */
    static List<Class<?>> resourceClasses() throws IOException, ClassNotFoundException {
        List<Class<?>> resources = new ArrayList<>();
        Path classes = Path.of("target", "classes");
        try (Stream<Path> files = Files.walk(classes.resolve("io/reembed"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, UnsafeRoutesTest.class.getClassLoader());
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }

    /** Every resource method with POST, PUT, PATCH or DELETE, path parameters filled with plausible values. */
    static List<Route> unsafeRoutes() throws IOException, ClassNotFoundException {
        List<Route> routes = new ArrayList<>();
        for (Class<?> type : resourceClasses()) {
                jakarta.ws.rs.Path base = type.getAnnotation(jakarta.ws.rs.Path.class);
                for (Method method : type.getDeclaredMethods()) {
                    String verb = method.isAnnotationPresent(POST.class) ? "POST"
                            : method.isAnnotationPresent(PUT.class) ? "PUT"
                            : method.isAnnotationPresent(PATCH.class) ? "PATCH"
                            : method.isAnnotationPresent(DELETE.class) ? "DELETE" : null;
                    if (verb == null) {
                        continue;
                    }
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    String path = ("/" + base.value() + (sub == null ? "" : "/" + sub.value())).replaceAll("/+", "/")
                            .replaceAll("\\{id}|\\{runId}", RUN).replaceAll("\\{[^}]+}", "x");
                    routes.add(new Route(verb, path.length() > 1 && path.endsWith("/")
                            ? path.substring(0, path.length() - 1) : path));
                }
        }
        return routes;
    }
}
