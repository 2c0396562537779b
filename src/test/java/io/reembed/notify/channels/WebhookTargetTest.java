package io.reembed.notify.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Where a webhook may post: literal addresses, so that no name server is asked. */
class WebhookTargetTest {

    private final WebhookTarget rules = new WebhookTarget(false, false);

    @Test
    void theMetadataServiceAndPrivateAddressesAreRefused() throws Exception {
        for (String url : new String[] { "https://169.254.169.254/latest/meta-data/", "https://10.0.0.5/hook",
                "https://172.16.3.4/hook", "https://192.168.1.10/hook", "https://127.0.0.1:8443/hook", "https://[::1]/hook",
                "https://[fd00:ec2::254]/", "https://100.64.0.1/hook", "https://0.0.0.0/hook" }) {
            Optional<String> problem = rules.problem(URI.create(url));
            assertTrue(problem.isPresent() && problem.get().contains("private, loopback, link-local or metadata"),
                    url + ": " + problem);
        }
    }

    @Test
    void onlyHttpsIsAcceptedExceptTheDemosOwnReceiver() throws Exception {
        assertEquals(Optional.of("the webhook URL must be https, not http"),
                rules.problem(URI.create("http://169.254.169.254/")));
        assertEquals(Optional.of("the webhook URL must be https, not http"), rules.problem(URI.create("http://93.184.216.34/")));
        assertEquals(Optional.empty(), rules.problem(URI.create("https://93.184.216.34/services/T0/B0")));
        WebhookTarget demo = new WebhookTarget(false, true);
        assertEquals(Optional.empty(), demo.problem(URI.create("http://127.0.0.1:8080/local/notifications/webhook")));
        assertTrue(demo.problem(URI.create("http://10.0.0.5/hook")).isPresent(), "the demo's exception is its own loopback only");
    }

    @Test
    void privateAddressesWhenAllowed() throws Exception {
        WebhookTarget allowing = new WebhookTarget(true, false);
        assertEquals(Optional.empty(), allowing.problem(URI.create("https://10.0.0.5/hook")));
        assertTrue(allowing.problem(URI.create("http://10.0.0.5/hook")).isPresent(), "still https only");
    }
}
