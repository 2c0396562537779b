package io.reembed.local;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * In demo mode, supplies the defaults that point every client at the embedded services.
 * The ordinal sits above application.properties and below environment variables and system
 * properties, so an operator can still override any of them.
 */
public class DemoModeConfigSourceFactory implements ConfigSourceFactory {

    static final int ORDINAL = 275;
    public static final String DEMO_TABLE = "BedrockChatStack-DatabaseConversationTableDEMO";
    public static final String DEMO_REGION = "us-east-1";
    public static final String DEMO_ACCESS_KEY = "demo";
    public static final String DEMO_EVENT_BUS = "reembed-demo";
    public static final String DEMO_TOPIC_ARN = "arn:aws:sns:us-east-1:123456789012:reembed-demo";
    /** The demo's own webhook receiver checks signatures with it; never a secret of a real deployment. */
    public static final String DEMO_WEBHOOK_SECRET = "demo-webhook-secret";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        ConfigValue mode = context.getValue("reembed.mode");
        if (mode == null || mode.getValue() == null || !"demo".equalsIgnoreCase(mode.getValue().trim())) {
            return List.of();
        }
        Map<String, String> defaults = new HashMap<>();
        defaults.put("quarkus.http.host", "127.0.0.1");
        defaults.put("quarkus.management.host", "127.0.0.1");
        // One copy of the demo per data directory: a restarted demo takes its own lease back at once.
        defaults.put("reembed.runs.lease.copy-name", "demo");
        // Localhost only, no login: the demo's whole point is to be tried at once.
        defaults.put("reembed.auth.http-policy", "permit");
        // The demo's items were written long ago: a QUEUED bot without a task has waited long enough.
        defaults.put("reembed.stuck.queued-after", "0s");
        defaults.put("reembed.aws.region", DEMO_REGION);
        // The emulators answer on the dashboard's own port; tests run on the test port.
        String port = context.getProfiles().contains("test") ? "${quarkus.http.test-port:8081}" : "${quarkus.http.port:8080}";
        String root = "http://127.0.0.1:" + port;
        defaults.put("reembed.aws.endpoints.dynamodb", root + "/local/dynamodb");
        defaults.put("reembed.aws.endpoints.ecs", root + "/local/ecs");
        defaults.put("reembed.aws.endpoints.servicequotas", root + "/local/servicequotas");
        defaults.put("reembed.aws.endpoints.logs", root + "/local/logs");
        // The query-protocol clients post to the endpoint's root whatever its path: their emulators answer there.
        defaults.put("reembed.aws.endpoints.sts", root);
        defaults.put("reembed.aws.endpoints.cloudformation", root);
        defaults.put("reembed.aws.endpoints.ec2", root);
        defaults.put("reembed.aws.endpoints.eventbridge", root + "/local/events");
        defaults.put("reembed.aws.endpoints.sns", root);
        // Every notification channel, each to the demo's own receiver: /local/notifications lists what arrived.
        defaults.put("reembed.notify.event-bus", DEMO_EVENT_BUS);
        defaults.put("reembed.notify.sns-topic-arn", DEMO_TOPIC_ARN);
        defaults.put("reembed.notify.webhook-url", root + "/local/notifications/webhook");
        defaults.put("reembed.notify.webhook-secret", DEMO_WEBHOOK_SECRET);
        defaults.put("reembed.notify.console-url", root);
        // Everything else comes from the demo stack's outputs, as in a real account (reembed.stack-name).
        defaults.put("quarkus.dynamodb.aws.credentials.type", "static");
        defaults.put("quarkus.dynamodb.aws.credentials.static-provider.access-key-id", DEMO_ACCESS_KEY);
        defaults.put("quarkus.dynamodb.aws.credentials.static-provider.secret-access-key", DEMO_ACCESS_KEY);
        defaults.put("quarkus.sns.aws.credentials.type", "static");
        defaults.put("quarkus.sns.aws.credentials.static-provider.access-key-id", DEMO_ACCESS_KEY);
        defaults.put("quarkus.sns.aws.credentials.static-provider.secret-access-key", DEMO_ACCESS_KEY);
        return List.of(new PropertiesConfigSource(defaults, "reembed demo mode defaults", ORDINAL));
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(ORDINAL);
    }
}
