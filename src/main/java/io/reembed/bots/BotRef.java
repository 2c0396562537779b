package io.reembed.bots;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** A bot key as one opaque, URL- and form-safe token: base64url(PK) "." base64url(SK). */
public final class BotRef {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final int MAX_LENGTH = 4096;

    private BotRef() {
    }

    public static String of(BotKey key) {
        return ENCODER.encodeToString(key.pk().getBytes(StandardCharsets.UTF_8)) + "."
                + ENCODER.encodeToString(key.sk().getBytes(StandardCharsets.UTF_8));
    }

    /** The key in a token, or empty when the token is malformed (a forged or truncated value). */
    public static Optional<BotKey> parse(String ref) {
        if (ref == null || ref.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int dot = ref.indexOf('.');
        if (dot <= 0 || dot == ref.length() - 1) {
            return Optional.empty();
        }
        try {
            String pk = new String(DECODER.decode(ref.substring(0, dot)), StandardCharsets.UTF_8);
            String sk = new String(DECODER.decode(ref.substring(dot + 1)), StandardCharsets.UTF_8);
            return pk.isEmpty() || sk.isEmpty() ? Optional.empty() : Optional.of(new BotKey(pk, sk));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
