package io.reembed.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which Host a request may name (DNS rebinding: a page of evil.example resolving to 127.0.0.1 gets 421). */
class AllowedHostsTest {

    @Test
    void theDemoAnswersOnlyToLoopbackNamesWhateverThePortOrCase() {
        List<String> demo = AllowedHosts.LOOPBACK_NAMES;
        assertTrue(AllowedHosts.allows(demo, "localhost"));
        assertTrue(AllowedHosts.allows(demo, "LOCALHOST:8080"));
        assertTrue(AllowedHosts.allows(demo, "127.0.0.1:39017"));
        assertTrue(AllowedHosts.allows(demo, "[::1]:8080"));
        assertFalse(AllowedHosts.allows(demo, "evil.example"));
        assertFalse(AllowedHosts.allows(demo, "localhost.evil.example"));
        assertFalse(AllowedHosts.allows(demo, "127.0.0.2"));
        assertFalse(AllowedHosts.allows(demo, null), "no Host at all");
    }

    @Test
    void aConfiguredListIsMatchedByNameOnly() {
        List<String> team = List.of("console.example.com");
        assertTrue(AllowedHosts.allows(team, "Console.Example.com:443"));
        assertFalse(AllowedHosts.allows(team, "example.com"));
        assertFalse(AllowedHosts.allows(team, "console.example.com.evil.example"));
    }
}
