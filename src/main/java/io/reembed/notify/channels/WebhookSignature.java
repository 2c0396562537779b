package io.reembed.notify.channels;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The webhook's signature: {@code X-Reembed-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}
 * with {@code X-Reembed-Timestamp: <epoch seconds>}. The timestamp is signed with the body, so a
 * receiver that refuses old timestamps refuses a replayed request too.
 */
public final class WebhookSignature {

    public static final String SIGNATURE = "X-Reembed-Signature";
    public static final String TIMESTAMP = "X-Reembed-Timestamp";
    public static final String EVENT_ID = "X-Reembed-Event-Id";
    /** How far a receiver lets a timestamp be from its clock. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private WebhookSignature() {
    }

    public static String sign(String secret, long timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] digest = mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    /** What a receiver checks: why the request is refused, if it is. */
    public static Optional<String> problem(String secret, String timestamp, String signature, String body, Instant now) {
        if (timestamp == null || signature == null) {
            return Optional.of("no " + TIMESTAMP + " or " + SIGNATURE + " header");
        }
        long at;
        try {
            at = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Optional.of(TIMESTAMP + " is not a number of seconds");
        }
        if (Math.abs(now.getEpochSecond() - at) > TOLERANCE.toSeconds()) {
            return Optional.of("the timestamp is more than " + TOLERANCE.toMinutes() + " min from now: a replay, or a clock far off");
        }
        byte[] expected = sign(secret, at, body).getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(expected, signature.trim().getBytes(StandardCharsets.UTF_8))) {
            return Optional.of("the signature does not match the body and timestamp");
        }
        return Optional.empty();
    }
}
