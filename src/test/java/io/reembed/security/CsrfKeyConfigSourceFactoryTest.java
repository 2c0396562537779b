package io.reembed.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;

/** The anti-CSRF signing key outlives a restart and is the same in every copy configured alike. */
class CsrfKeyConfigSourceFactoryTest {

    @TempDir
    Path dataDir;

    @Test
    void copiesWithTheSameLoginSecretSignAlikeAndOthersDoNot() {
        String first = key(Map.of("reembed.auth.admin-password-hash", "pbkdf2-sha256:1:a:b"));
        String second = key(Map.of("reembed.auth.admin-password-hash", "pbkdf2-sha256:1:a:b"));
        String other = key(Map.of("reembed.auth.admin-password-hash", "pbkdf2-sha256:1:c:d"));
        String oidc = key(Map.of("quarkus.oidc.credentials.secret", "s3cret"));

        assertEquals(first, second);
        assertNotEquals(first, other);
        assertNotEquals(first, oidc);
        assertEquals(64, first.length());
    }

    @Test
    void anUnexpandedExpressionIsNoSecret() {
        String fromExpression = key(Map.of("reembed.auth.admin-password", "${REEMBED_ADMIN_PASSWORD:}",
                "reembed.demo.data-dir", dataDir.toString()));
        assertEquals(fromExpression, key(Map.of("reembed.demo.data-dir", dataDir.toString())),
                "falls back to the stored random key, not to a key everyone could compute");
    }

    @Test
    void theDemoKeepsItsRandomKeyBesideItsData() throws Exception {
        String first = key(Map.of("reembed.demo.data-dir", dataDir.toString()));
        String afterRestart = key(Map.of("reembed.demo.data-dir", dataDir.toString()));

        assertEquals(first, afterRestart);
        assertEquals(first, Files.readString(dataDir.resolve("csrf-signing.key")));
    }

    private static String key(Map<String, String> config) {
        var source = new CsrfKeyConfigSourceFactory().getConfigSources(context(config)).iterator().next();
        return source.getValue(CsrfKeyConfigSourceFactory.KEY);
    }

    private static ConfigSourceContext context(Map<String, String> config) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                String value = config.get(name);
                return value == null ? null : ConfigValue.builder().withName(name).withValue(value).build();
            }

            @Override
            public List<String> getProfiles() {
                return List.of();
            }

            @Override
            public Iterator<String> iterateNames() {
                return config.keySet().iterator();
            }
        };
    }
}
