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

/** The anti-CSRF signing key is random: kept beside the demo's data, never derived from a login secret. */
class CsrfKeyConfigSourceFactoryTest {

    @TempDir
    Path dataDir;

    /** A key derived from a password made every token and cookie pair an offline password oracle. */
    @Test
    void theKeyIsRandomNeverDerivedFromALoginSecret() throws Exception {
        String first = key(Map.of("reembed.auth.admin-password-hash", "pbkdf2-sha256:1:a:b"));
        String withPassword = key(Map.of("reembed.auth.admin-password", "correct horse battery staple"));
        String oidc = key(Map.of("quarkus.oidc.credentials.secret", "s3cret"));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec("correct horse battery staple".getBytes(), "HmacSHA256"));
        String derived = java.util.HexFormat.of().formatHex(mac.doFinal(
                "re-embed console anti-CSRF signing key".getBytes()));

        assertNotEquals(derived, withPassword, "not the HMAC of the password");
        assertEquals(64, first.length());
        // Without a data directory the key is the process's own random one, whatever secrets are configured.
        assertEquals(first, withPassword);
        assertEquals(first, oidc);
        String otherDemo = key(Map.of("reembed.demo.data-dir", dataDir.toString()));
        assertNotEquals(first, otherDemo, "a demo's stored key is random too");
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
