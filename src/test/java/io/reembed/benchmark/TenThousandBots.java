package io.reembed.benchmark;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The demo seeded at the scale the console is designed for. */
public class TenThousandBots implements QuarkusTestProfile {

    public static final int BOTS = 10_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("reembed.demo.seed.bots", Integer.toString(BOTS),
                "reembed.demo.seed.users", "500",
                "reembed.demo.seed.conversations-per-user", "20");
    }
}
