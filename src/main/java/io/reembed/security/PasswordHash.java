package io.reembed.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-SHA256 password hashes, {@code pbkdf2-sha256:<iterations>:<salt>:<hash>} (base64), so the
 * administrator's password need not be stored in configuration. Run {@code main} to make one.
 */
public final class PasswordHash {

    private static final String PREFIX = "pbkdf2-sha256";
    private static final int ITERATIONS = 310_000;
    private static final int BITS = 256;

    private PasswordHash() {
    }

    public static String hash(char[] password) {
        return hash(password, ITERATIONS);
    }

    /** With fewer rounds: for tests of what a hash verifies, which need not spend a CPU-second on each. */
    static String hash(char[] password, int iterations) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        Base64.Encoder base64 = Base64.getEncoder();
        return PREFIX + ":" + iterations + ":" + base64.encodeToString(salt) + ":"
                + base64.encodeToString(derive(password, salt, iterations));
    }

    /** True when the password matches; false for a wrong password or a malformed hash. */
    public static boolean verify(char[] password, String encoded) {
        String[] parts = encoded.trim().split(":");
        if (parts.length != 4 || !PREFIX.equals(parts[0])) {
            return false;
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            byte[] salt = Base64.getDecoder().decode(parts[2]);
            byte[] expected = Base64.getDecoder().decode(parts[3]);
            return MessageDigest.isEqual(expected, derive(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    public static boolean wellFormed(String encoded) {
        String[] parts = encoded.trim().split(":");
        return parts.length == 4 && PREFIX.equals(parts[0]) && parts[1].matches("\\d+");
    }

    static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password, salt, iterations, BITS)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Prints the hash of the password given on standard input (never as an argument: shells keep history). */
    public static void main(String[] args) throws Exception {
        java.io.Console console = System.console();
        char[] password = console != null ? console.readPassword("Password: ")
                : new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8))
                        .readLine().toCharArray();
        System.out.println(hash(password));
    }
}
