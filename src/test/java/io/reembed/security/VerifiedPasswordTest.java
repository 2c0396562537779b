package io.reembed.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class VerifiedPasswordTest {

    private static final Instant T0 = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void onlyThePasswordLastVerifiedIsKnownAndOnlyForAWhile() {
        VerifiedPassword verified = new VerifiedPassword(Duration.ofMinutes(10));
        assertFalse(verified.known("secret".toCharArray(), T0), "nothing verified yet");
        verified.remember("secret".toCharArray(), T0);
        assertTrue(verified.known("secret".toCharArray(), T0.plusSeconds(599)));
        assertFalse(verified.known("Secret".toCharArray(), T0.plusSeconds(1)), "another password is checked in full");
        assertFalse(verified.known("".toCharArray(), T0.plusSeconds(1)));
        assertFalse(verified.known("secret".toCharArray(), T0.plusSeconds(600)), "after ten minutes, checked in full again");
    }
}
