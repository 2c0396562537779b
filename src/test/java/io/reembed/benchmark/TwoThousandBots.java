package io.reembed.benchmark;

import java.util.HashMap;
import java.util.Map;

/**
 * {@link FiveHundredBots}' real quotas and engine settings, with 2,000 bots and more with knowledge
 * (3,600 seeded).
 */
public class TwoThousandBots extends FiveHundredBots {

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(super.getConfigOverrides());
        config.put("reembed.demo.seed.bots", "3600");
        config.put("reembed.demo.seed.users", "180");
        return config;
    }
}
