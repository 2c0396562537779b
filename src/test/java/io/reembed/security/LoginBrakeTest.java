package io.reembed.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.reembed.config.TestConfig;
import io.reembed.logging.LogText;

/** The login brake's rules, without the app: what is counted, for whom, and what cannot switch it off. */
class LoginBrakeTest {

    private final LoginBrake brake = new LoginBrake(TestConfig.of("aws", Map.of("reembed.auth.max-failed-logins", "10",
            "reembed.auth.login-window", "15m")), Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC));

    /** 5,100 junk logins from distinct addresses once switched the per-user count off. */
    @Test
    void aFloodOfJunkNamesAndAddressesCannotSwitchThePerUserCountOff() {
        for (int i = 0; i < 12_000; i++) {
            brake.failed("2001:db8::" + Integer.toHexString(i), "junk" + i);
        }
        for (int i = 0; i < 25; i++) {
            brake.failed("198.51.100." + i, "admin");
        }
        assertTrue(brake.blocked("203.0.113.7", "admin").isPresent(), "admin is counted whatever came before");
    }

    /** 10 wrong passwords from anywhere locked admin out for everyone, renewable at will. */
    @Test
    void wrongPasswordsFromElsewhereDoNotLockTheAdministratorOutOfTheirOwnAddress() {
        brake.succeeded("10.0.0.5", "admin");
        for (int i = 0; i < 10; i++) {
            brake.failed("198.51.100." + i, "admin");
        }
        assertTrue(brake.blocked("203.0.113.9", "admin").isPresent(), "locked against an address never seen to log in");
        assertFalse(brake.blocked("10.0.0.5", "admin").isPresent(), "not against the address the administrator uses");
    }

    @Test
    void anAddressOverTheLimitIsRefusedWhateverNameItTries() {
        for (int i = 0; i < 10; i++) {
            brake.failed("192.0.2.1", "user" + i);
        }
        assertTrue(brake.blocked("192.0.2.1", "admin").isPresent());
        assertTrue(brake.blocked("192.0.2.1", "someone").isPresent());
        assertFalse(brake.blocked("192.0.2.2", "admin").isPresent(), "unknown names count under one key, not admin's");
    }

    /** A Basic user name with CR/LF once forged a "Login succeeded" line in the plain-text log. */
    @Test
    void textFromOutsideCannotForgeALogLine() {
        String forged = "x\r\n2026-12-01 10:00:00,000 INFO  Login succeeded for user admin\u001b[2J";
        String escaped = LogText.escape(forged);
        assertFalse(escaped.contains("\n") || escaped.contains("\r") || escaped.contains("\u001b"), escaped);
        assertEquals("x\\r\\n2026-12-01 10:00:00,000 INFO  Login succeeded for user admin\\u001b[2J", escaped);
    }
}
