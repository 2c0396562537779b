package io.reembed.security;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** aws mode with the built-in administrator, its password given as a hash. */
public class AdminLoginProfile implements QuarkusTestProfile {

    static final String PASSWORD = "correct horse battery staple";

    @Override
    public Map<String, String> getConfigOverrides() {
        // The mode is set here too: the demo defaults are decided from the configuration sources a profile adds.
        return Map.of("reembed.mode", "aws", "reembed.auth.admin-password-hash", PasswordHash.hash(PASSWORD.toCharArray()),
                "reembed.http.allowed-hosts", "localhost,console.example.com");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsModeWithDynamoDbEmulator.class));
    }
}
