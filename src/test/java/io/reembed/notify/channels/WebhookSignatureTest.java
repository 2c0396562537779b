package io.reembed.notify.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    private static final Instant NOW = Instant.parse("2026-12-02T07:30:00Z");
    private static final String BODY = "{\"text\":\"Run r1 finished.\"}";

    @Test
    void aSignedBodyIsAcceptedWithinFiveMinutes() {
        long at = NOW.getEpochSecond() - 240;
        String signature = WebhookSignature.sign("s3cret", at, BODY);
        assertTrue(signature.matches("sha256=[0-9a-f]{64}"), signature);
        assertEquals(Optional.empty(), WebhookSignature.problem("s3cret", Long.toString(at), signature, BODY, NOW));
    }

    @Test
    void aForgedBodyAWrongKeyAndAReplayAreRefused() {
        long at = NOW.getEpochSecond();
        String signature = WebhookSignature.sign("s3cret", at, BODY);
        assertTrue(WebhookSignature.problem("s3cret", Long.toString(at), signature, BODY.replace("finished", "failed"), NOW)
                .orElseThrow().contains("does not match"));
        assertTrue(WebhookSignature.problem("other", Long.toString(at), signature, BODY, NOW).isPresent());
        // The same request sent again ten minutes later, or with its timestamp moved forward.
        assertTrue(WebhookSignature.problem("s3cret", Long.toString(at), signature, BODY, NOW.plusSeconds(600))
                .orElseThrow().contains("replay"));
        assertTrue(WebhookSignature.problem("s3cret", Long.toString(at + 600), signature, BODY, NOW.plusSeconds(600))
                .orElseThrow().contains("does not match"));
        assertTrue(WebhookSignature.problem("s3cret", null, signature, BODY, NOW).isPresent());
    }
}
