package io.reembed.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.reembed.config.ReembedConfig;
import io.reembed.config.TestConfig;

/** The start-up rule, on configurations built the way Quarkus builds them. */
class AuthConfigurationCheckTest {

    @Test
    void awsModeWithoutAnyLoginIsRefusedWithTheDocumentedMessage() {
        assertEquals(Optional.of(AuthConfigurationCheck.MISSING_LOGIN),
                AuthConfigurationCheck.problem(config("aws", Map.of()), false));
        assertEquals(Optional.of(AuthConfigurationCheck.MISSING_LOGIN),
                AuthConfigurationCheck.problem(config("aws", Map.of("reembed.auth.admin-password", " ")), false));
    }

    @Test
    void anyOneLoginIsEnough() {
        assertTrue(AuthConfigurationCheck.problem(config("aws", Map.of("reembed.auth.admin-password", "s3cret")), false).isEmpty());
        assertTrue(AuthConfigurationCheck.problem(config("aws",
                Map.of("reembed.auth.admin-password-hash", PasswordHash.hash("x".toCharArray(), 1000))), false).isEmpty());
        assertTrue(AuthConfigurationCheck.problem(config("aws", Map.of()), true).isEmpty());
        assertTrue(AuthConfigurationCheck.problem(config("demo", Map.of()), false).isEmpty());
    }

    @Test
    void aMalformedHashIsRefused() {
        assertTrue(AuthConfigurationCheck.problem(config("aws", Map.of("reembed.auth.admin-password-hash", "5f4dcc3b5aa7")),
                false).orElseThrow().contains("not a hash"));
    }

    @Test
    void hashesVerifyOnlyTheirPassword() {
        assertTrue(PasswordHash.hash("correct".toCharArray()).matches("pbkdf2-sha256:310000:[A-Za-z0-9+/=]{24}:[A-Za-z0-9+/=]{44}"),
                "310,000 rounds, 16 bytes of salt, 32 of hash");
        String hash = PasswordHash.hash("correct".toCharArray(), 1000);
        assertTrue(PasswordHash.verify("correct".toCharArray(), hash));
        assertTrue(!PasswordHash.verify("Correct".toCharArray(), hash));
        assertTrue(!PasswordHash.verify("correct".toCharArray(), "pbkdf2-sha256:1:AAAA:AAAA"));
        assertTrue(!PasswordHash.verify("correct".toCharArray(), "garbage"));
    }

    private static ReembedConfig config(String mode, Map<String, String> extra) {
        return TestConfig.of(mode, extra);
    }
}
