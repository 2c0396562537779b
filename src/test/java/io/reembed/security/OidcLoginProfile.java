package io.reembed.security;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/** aws mode with OpenID Connect against an in-process mock provider; roles from the "groups" claim. */
public class OidcLoginProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "reembed.mode", "aws",
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", "${keycloak.url}/realms/quarkus",
                "quarkus.oidc.client-id", "quarkus-web-app",
                "quarkus.oidc.credentials.secret", "secret",
                "quarkus.oidc.token.issuer", "any",
                "quarkus.oidc.roles.role-claim-path", "groups",
                // The mock provider's tokens are all for this audience; tokens for any other are refused.
                "reembed.auth.token-audiences", "https://server.example.com");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsModeWithDynamoDbEmulator.class),
                new TestResourceEntry(OidcWiremockTestResource.class));
    }
}
