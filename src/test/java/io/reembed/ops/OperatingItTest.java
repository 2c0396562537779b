package io.reembed.ops;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.runs.RunTestSupport;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;

/** Health, metrics and the API's description on the management port, in the demo. */
@QuarkusTest
class OperatingItTest {

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    private static int managementPort() {
        return ManagementPort.inTests();
    }

    @Test
    void healthAnswersOnTheManagementPortAndNothingOfItOnTheMainOne() {
        given().port(managementPort()).when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"));
        given().port(managementPort()).when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks[0].data.dynamodb", containsString("reachable"))
                .body("checks[0].data.runEngine", equalTo("running"))
                .body("checks[0].data.stackSettings", equalTo("resolved"));
        for (String path : List.of("/q/health", "/q/health/ready", "/q/metrics", "/q/openapi")) {
            given().when().get(path).then().statusCode(404);
        }
        given().port(managementPort()).when().get("/bots").then().statusCode(404);
    }

    @Test
    void theMetricsMoveDuringARun() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        double launched = metric("reembed_runtask_calls_total", "outcome=\"launched\"");
        double polls = metric("reembed_poll_seconds_count", null);
        double describes = metric("reembed_describetasks_calls_total", null);

        String id = RunTestSupport.startWithoutBrake(RunTestSupport.botsWithKnowledge(bot -> !bot.get("sourceUrls")
                .toString().contains("example.com/fail") && !bot.get("sourceUrls").toString().contains("flaky")
                && !bot.get("sourceUrls").toString().contains("out-of-memory")).subList(0, 3));
        RunTestSupport.awaitEnd(id);

        assertEquals(launched + 3, metric("reembed_runtask_calls_total", "outcome=\"launched\""), 0.001);
        assertTrue(metric("reembed_poll_seconds_count", null) > polls, "the tracker polled");
        assertTrue(metric("reembed_describetasks_calls_total", null) > describes);
        String text = scrape();
        for (String name : List.of("reembed_tasks_inflight ", "reembed_tasks_inflight_limit ",
                "reembed_runs{state=\"FINISHED\"}", "reembed_bots{state=\"QUEUED\"}", "reembed_failures_total{kind=\"content\"}",
                "reembed_runtask_calls_total{outcome=\"throttled\"}", "reembed_catalog_read_seconds_count",
                "reembed_catalog_items_read_total")) {
            assertTrue(text.contains(name), name + " in\n" + text);
        }
        assertTrue(metric("reembed_runs", "state=\"FINISHED\"") >= 1);
    }

    @Test
    void theOpenApiDocumentValidatesAndListsEveryApiRoute() throws IOException, ClassNotFoundException {
        String document = given().port(managementPort()).queryParam("format", "json").when().get("/q/openapi")
                .then().statusCode(200).extract().asString();

        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(document, null, null);
        assertTrue(parsed.getMessages() == null || parsed.getMessages().isEmpty(), "valid: " + parsed.getMessages());
        assertTrue(parsed.getOpenAPI().getOpenapi().startsWith("3."), parsed.getOpenAPI().getOpenapi());
        Set<String> documented = new TreeSet<>();
        parsed.getOpenAPI().getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(method -> documented.add(method.name() + " " + path)));
        assertEquals(apiRoutes(), documented);
        var start = parsed.getOpenAPI().getPaths().get("/api/runs").getPost();
        assertTrue(start.getResponses().containsKey("400") && start.getResponses().containsKey("409"),
                "error shapes: " + start.getResponses().keySet());
        assertTrue(parsed.getOpenAPI().getComponents().getSchemas().containsKey("Error"));
    }

    /** Every JAX-RS method under /api, from the compiled classes: "GET /api/runs/{id}". */
    private static Set<String> apiRoutes() throws IOException, ClassNotFoundException {
        Set<String> routes = new TreeSet<>();
        Path classes = Path.of("target", "classes");
        List<Path> files;
        try (Stream<Path> walk = Files.walk(classes)) {
            files = walk.filter(p -> p.toString().endsWith(".class") && !p.toString().contains("$")).toList();
        }
        for (Path file : files) {
            String name = classes.relativize(file).toString().replace(".class", "").replace('/', '.');
            Class<?> type = Class.forName(name);
            jakarta.ws.rs.Path root = type.getAnnotation(jakarta.ws.rs.Path.class);
            if (root == null || !root.value().startsWith("/api")) {
                continue;
            }
            for (Method method : type.getMethods()) {
                String verb = verb(method);
                if (verb != null) {
                    jakarta.ws.rs.Path sub = method.getAnnotation(jakarta.ws.rs.Path.class);
                    routes.add(verb + " " + normalise(root.value() + (sub == null ? "" : sub.value())));
                }
            }
        }
        return routes;
    }

    private static String verb(Method method) {
        for (Map.Entry<Class<? extends java.lang.annotation.Annotation>, String> verb : Map.of(
                jakarta.ws.rs.GET.class, "GET", jakarta.ws.rs.POST.class, "POST", jakarta.ws.rs.PATCH.class, "PATCH",
                jakarta.ws.rs.DELETE.class, "DELETE", jakarta.ws.rs.PUT.class, "PUT").entrySet()) {
            if (method.isAnnotationPresent(verb.getKey())) {
                return verb.getValue();
            }
        }
        return null;
    }

    /** "/api/runs/{id}/" and "{pk: .+}" as OpenAPI writes them. */
    private static String normalise(String path) {
        String clean = path.replaceAll("\\{(\\w+)\\s*:[^}]*}", "{$1}").replace("//", "/");
        return clean.endsWith("/") && clean.length() > 1 ? clean.substring(0, clean.length() - 1) : clean;
    }

    private static String scrape() {
        return given().port(managementPort()).when().get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** One sample's value, the sample named and (when given) carrying this label. */
    private static double metric(String name, String label) {
        Pattern line = Pattern.compile("^" + Pattern.quote(name) + "(\\{[^}]*})? (\\S+)$", Pattern.MULTILINE);
        Matcher matcher = line.matcher(scrape());
        while (matcher.find()) {
            if (label == null || (matcher.group(1) != null && matcher.group(1).contains(label))) {
                return Double.parseDouble(matcher.group(2));
            }
        }
        throw new AssertionError("no sample " + name + " " + label);
    }
}
