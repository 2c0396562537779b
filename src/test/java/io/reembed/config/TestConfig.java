package io.reembed.config;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The console's settings from a few properties, without starting Quarkus: for fast unit tests. */
public final class TestConfig {

    private TestConfig() {
    }

    public static ReembedConfig of(String mode, Map<String, String> properties) {
        Map<String, String> values = new HashMap<>(properties);
        values.put("reembed.mode", mode);
        return new SmallRyeConfigBuilder().withMapping(ReembedConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(values, "test", 100)).build()
                .getConfigMapping(ReembedConfig.class);
    }
}
