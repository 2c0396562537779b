package io.reembed.runs.engine;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Run ids that sort by creation time and cannot be guessed: {@code r20261201-133000-k7fq2z}. */
final class RunIds {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final String ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";

    private static final SecureRandom RANDOM = new SecureRandom();

    String next(Instant now) {
        return "r" + TIME.format(now) + "-" + suffix(6);
    }

    /** Letters and digits that cannot be confused with each other, chosen at random. */
    static String suffix(int length) {
        StringBuilder suffix = new StringBuilder();
        for (int i = 0; i < length; i++) {
            suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return suffix.toString();
    }
}
