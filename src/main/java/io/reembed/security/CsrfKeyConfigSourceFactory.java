package io.reembed.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The key that signs anti-CSRF cookies ({@code quarkus.rest-csrf.token-signature-key}) when none
 * is configured: a random secret, never derived from a password (a token and its cookie, leaked in
 * a HAR file or a proxy log, would otherwise let anyone test password guesses offline). The demo
 * keeps its random key in its data directory (or in memory); elsewhere the key lives as long as the
 * process, so pages opened before a restart, or served by another copy, are refused with a page
 * that says to reload. Several copies share one key by configuration (a secret from Secrets
 * Manager, say). A configured key always wins: this source has the lowest ordinal.
 */
public class CsrfKeyConfigSourceFactory implements ConfigSourceFactory {

    static final String KEY = "quarkus.rest-csrf.token-signature-key";
    private static final int ORDINAL = 50;
    private static final String KEY_FILE = "csrf-signing.key";
    private static volatile String processKey;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        String key = stored(context);
        return List.of(new PropertiesConfigSource(Map.of(KEY, key), "reembed anti-CSRF signing key", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    /** Kept beside the demo's data when it keeps data, so that a restart keeps open pages working. */
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

    private static String value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value == null ? null : value.getValue();
    }
}
