package io.reembed.it;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.restassured.specification.RequestSpecification;
import io.smallrye.jwt.build.Jwt;

/**
 * OpenID Connect against a mock provider, roles from the "groups" claim: the operator role may
 * launch, the viewer role may only look, no role may do nothing.
 */
@Execution(ExecutionMode.CONCURRENT)
@Order(9)
class OidcLoginIT {

    /** The mock provider's issuer and the audience of its tokens. */
    private static final String PROVIDER = "https://server.example.com";

    private static OidcWiremockTestResource provider;
    private static AwsModeDynamoDb account;
    private static ConsoleProcess console;

    @BeforeAll
    static void start() throws Exception {
        provider = new OidcWiremockTestResource();
        String keycloak = provider.start().get("keycloak.url");
        account = AwsModeDynamoDb.start();
        console = account.console("oidc-login", Map.of(
                "QUARKUS_OIDC_TENANT_ENABLED", "true",
                "QUARKUS_OIDC_AUTH_SERVER_URL", keycloak + "/realms/quarkus",
                "QUARKUS_OIDC_CLIENT_ID", "quarkus-web-app",
                "QUARKUS_OIDC_CREDENTIALS_SECRET", "secret",
                "QUARKUS_OIDC_TOKEN_ISSUER", "any",
                "QUARKUS_OIDC_ROLES_ROLE_CLAIM_PATH", "groups",
                // The mock provider's tokens are all for this audience; tokens for any other are refused.
                "REEMBED_AUTH_TOKEN_AUDIENCES", PROVIDER));
        console.start();
    }

    @AfterAll
    static void stop() throws Exception {
        console.close();
        account.close();
        provider.stop();
    }

    @Test
    void aViewerMayLookButNotLaunch() {
        String viewer = token("vera", Set.of("reembed-viewer"), PROVIDER);
        long calls = console.runTaskCalls();

        as(viewer).when().get("/api/bots").then().statusCode(200).body("total", equalTo(60));
        as(viewer).when().get("/bots").then().statusCode(200).body(containsString("mode-aws"));
        as(viewer).contentType("application/json").body(Map.of("filter", Map.of()))
                .when().post("/api/runs").then().statusCode(403).body("error", containsString("may only look"));
        as(viewer).contentType("application/json").when().post("/api/runs/r-any/cancel").then().statusCode(403);
        assertEquals(calls, console.runTaskCalls());
    }

    @Test
    void anOperatorMayLaunch() {
        String operator = token("otto", Set.of("reembed-operator"), PROVIDER);
        // No ECS settings in this test: the operator passes the access check and is told what to configure.
        as(operator).contentType("application/json").body(Map.of("filter", Map.of()))
                .when().post("/api/runs").then().statusCode(409).body("error", containsString("reembed.ecs.cluster"));
    }

    @Test
    void aUserWithoutARoleGetsNothing() {
        String nobody = token("nina", Set.of("some-other-group"), PROVIDER);
        as(nobody).when().get("/api/bots").then().statusCode(403);
        as(nobody).when().get("/bots").then().statusCode(403);
    }

    @Test
    void aTokenIssuedToAnotherAppOfThePoolIsRefusedWhateverItsGroups() {
        String foreign = token("otto", Set.of("reembed-operator"), "another-app-of-the-pool");
        as(foreign).when().get("/api/bots").then().statusCode(401);
        as(foreign).contentType("application/json").body(Map.of("filter", Map.of()))
                .when().post("/api/runs").then().statusCode(401);
    }

    @Test
    void noTokenNoEntry() {
        given().baseUri(console.baseUrl()).when().get("/api/bots").then().statusCode(401);
        as("not-a-token").when().get("/api/bots").then().statusCode(401);
    }

    /** An access token as the mock provider issues them, signed with its key. */
    private static String token(String user, Set<String> groups, String audience) {
        return Jwt.preferredUserName(user).groups(groups).issuer(PROVIDER).audience(audience).subject(user)
                .jws().keyId("1").sign("privateKey.jwk");
    }

    private static RequestSpecification as(String token) {
        return given().baseUri(console.baseUrl()).auth().oauth2(token);
    }
}
