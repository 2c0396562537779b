package io.reembed.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The key that signs anti-CSRF cookies ({@code quarkus.rest-csrf.token-signature-key}) when none
 * is configured. A key made at random per process would break every open page at a restart and
 * make two copies refuse each other's forms; so it is derived from the login secret every copy of
 * a deployment already shares (the administrator's password or its hash, or the OIDC client
 * secret). The demo has none: it keeps a random key in its data directory, or in memory.
 * A configured key always wins: this source has the lowest ordinal.
 */
public class CsrfKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String KEY = "quarkus.rest-csrf.token-signature-key";
    private static final int ORDINAL = 50;
    private static final String KEY_FILE = "csrf-signing.key";
    private static volatile String processKey;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String key = derived(context).orElseGet(() -> stored(context));
        return List.of(new PropertiesConfigSource(Map.of(KEY, key), "reembed anti-CSRF signing key", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static Optional<String> derived(ConfigSourceContext context) {
        String password = System.getenv("REEMBED_ADMIN_PASSWORD");
        if (password != null && !password.isBlank()) {
            return Optional.of(hmac(password, "re-embed console anti-CSRF signing key"));
        }
        for (String secret : List.of("reembed.auth.admin-password-hash", "reembed.auth.admin-password",
                "quarkus.oidc.credentials.secret")) {
            String value = value(context, secret);
            if (value != null && !value.isBlank() && !value.contains("${")) {
                return Optional.of(hmac(value, "re-embed console anti-CSRF signing key"));
            }
        }
        return Optional.empty();
    }

    /** The demo's key: kept beside its data when it keeps data, so that a restart keeps open pages working. */
    private static String stored(ConfigSourceContext context) {
        String dataDir = value(context, "reembed.demo.data-dir");
        if (dataDir != null && !dataDir.isBlank()) {
            Path file = Path.of(dataDir).resolve(KEY_FILE);
            try {
                if (Files.exists(file)) {
                    return Files.readString(file, StandardCharsets.UTF_8).strip();
                }
                Files.createDirectories(file.getParent());
                String key = random();
                Files.writeString(file, key, StandardCharsets.UTF_8);
                return key;
            } catch (IOException e) {
                // An unwritable data directory: the key lives as long as the process, as the demo's data would.
                return processKey();
            }
        }
        return processKey();
    }

    private static synchronized String processKey() {
        if (processKey == null) {
            processKey = random();
        }
        return processKey;
    }

    private static String random() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String hmac(String secret, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(label.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
