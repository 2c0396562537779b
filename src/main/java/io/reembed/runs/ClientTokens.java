package io.reembed.runs;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * RunTask's idempotency token for one launch try of one attempt of one bot in one run: the same
 * inputs give the same token, so calling again after a crash or a timeout never starts a second task.
 */
public final class ClientTokens {

    private ClientTokens() {
    }

    public static String of(String runId, RunBot bot, int launchTry) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String input = runId + '\n' + bot.pk() + '\n' + bot.sk() + '\n' + bot.attempt() + '\n' + launchTry;
            // "re-" and 61 hex digits: 64 characters, ECS's limit.
            return "re-" + HexFormat.of().formatHex(digest.digest(input.getBytes(StandardCharsets.UTF_8))).substring(0, 61);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
