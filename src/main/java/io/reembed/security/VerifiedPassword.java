package io.reembed.security;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The administrator's password as last verified against its PBKDF2 hash, kept as an HMAC under a key
 * of this process for a while. A browser sends Basic credentials with every request (pages, updates,
 * fragments), and 310,000 PBKDF2 rounds on each would cost a CPU-second every few pages.
 */
final class VerifiedPassword {

    private final Duration kept;
    private final byte[] key = new byte[32];
    private byte[] last;
    private Instant until = Instant.MIN;

    VerifiedPassword(Duration kept) {
        this.kept = kept;
        new SecureRandom().nextBytes(key);
    }

    synchronized boolean known(char[] password, Instant now) {
        return last != null && now.isBefore(until) && MessageDigest.isEqual(last, mac(password));
    }

    synchronized void remember(char[] password, Instant now) {
        last = mac(password);
        until = now.plus(kept);
    }

    private byte[] mac(char[] password) {
        ByteBuffer bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(key, "HmacSHA256"));
            hmac.update(bytes);
            return hmac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            java.util.Arrays.fill(bytes.array(), (byte) 0);
        }
    }
}
