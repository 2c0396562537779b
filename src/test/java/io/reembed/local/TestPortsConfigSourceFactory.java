package io.reembed.local;

import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Gives the tests' console free ports, chosen once per test JVM, instead of Quarkus' fixed 8081 and
 * 9001: two test runs on one machine (two checkouts, a CI run beside a developer's) do not collide.
 * The demo's emulator endpoints follow {@code quarkus.http.test-port}. Above application.properties,
 * below the environment and system properties.
 */
public class TestPortsConfigSourceFactory implements ConfigSourceFactory {

    private static final int ORDINAL = 260;
    private static volatile Map<String, String> ports;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (!context.getProfiles().contains("test")) {
            return List.of();
        }
        return List.of(new PropertiesConfigSource(ports(), "reembed test ports", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }

    private static synchronized Map<String, String> ports() {
        if (ports == null) {
            ports = Map.of("quarkus.http.test-port", Integer.toString(LocalPorts.free()),
                    "quarkus.management.test-port", Integer.toString(LocalPorts.free()));
        }
        return ports;
    }
}
