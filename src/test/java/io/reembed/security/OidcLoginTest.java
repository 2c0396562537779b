package io.reembed.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.reembed.runs.engine.EngineMetrics;

/** OpenID Connect: the operator role may launch, the viewer role may only look, no role may do nothing. */
@QuarkusTest
@TestProfile(OidcLoginProfile.class)
class OidcLoginTest {

    @Inject
    EngineMetrics metrics;

    @Test
    void aViewerMayLookButNotLaunch() {
        String viewer = OidcWiremockTestResource.getAccessToken("vera", Set.of("reembed-viewer"));
        long calls = metrics.runTaskCalls();

        given().auth().oauth2(viewer).when().get("/api/bots").then().statusCode(200).body("total", equalTo(60));
        given().auth().oauth2(viewer).when().get("/bots").then().statusCode(200).body(containsString("mode-aws"));
        given().auth().oauth2(viewer).contentType("application/json").body(Map.of("filter", Map.of()))
                .when().post("/api/runs").then().statusCode(403).body("error", containsString("may only look"));
        given().auth().oauth2(viewer).contentType("application/json").when().post("/api/runs/r-any/cancel")
                .then().statusCode(403);
        assertEquals(calls, metrics.runTaskCalls());
    }

    @Test
    void anOperatorMayLaunch() {
        String operator = OidcWiremockTestResource.getAccessToken("otto", Set.of("reembed-operator"));
        // No ECS settings in this test: the operator passes the access check and is told what to configure.
        given().auth().oauth2(operator).contentType("application/json").body(Map.of("filter", Map.of()))
                .when().post("/api/runs").then().statusCode(409).body("error", containsString("reembed.ecs.cluster"));
    }

    @Test
    void aUserWithoutARoleGetsNothing() {
        String nobody = OidcWiremockTestResource.getAccessToken("nina", Set.of("some-other-group"));
        given().auth().oauth2(nobody).when().get("/api/bots").then().statusCode(403);
        given().auth().oauth2(nobody).when().get("/bots").then().statusCode(403);
    }

    @Test
    void aTokenIssuedToAnotherAppOfThePoolIsRefusedWhateverItsGroups() {
        String foreign = Jwt.preferredUserName("otto").groups(Set.of("reembed-operator"))
                .issuer("https://server.example.com").audience("another-app-of-the-pool").subject("otto")
                .jws().keyId("1").sign("privateKey.jwk");
        given().auth().oauth2(foreign).when().get("/api/bots").then().statusCode(401);
        given().auth().oauth2(foreign).contentType("application/json").body(Map.of("filter", Map.of()))
                .when().post("/api/runs").then().statusCode(401);
    }

    @Test
    void noTokenNoEntry() {
        given().when().get("/api/bots").then().statusCode(401);
        given().auth().oauth2("not-a-token").when().get("/api/bots").then().statusCode(401);
    }
}
