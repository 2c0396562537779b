package io.reembed.security;

import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** aws mode with the built-in administrator, and a brake that engages after three failed logins. */
public class LoginBrakeProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("reembed.mode", "aws", "reembed.auth.admin-password-hash",
                PasswordHash.hash(AdminLoginProfile.PASSWORD.toCharArray()), "reembed.auth.max-failed-logins", "3",
                "reembed.auth.login-window", "1m");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(AwsModeWithDynamoDbEmulator.class));
    }
}
