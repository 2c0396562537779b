package io.reembed.local.notify;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.notify.channels.WebhookSignature;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * The demo's webhook receiver, as a team's would be written: it refuses a request whose signature
 * does not match (a forged body) or whose timestamp is more than 5 min off (a replay), and answers a
 * delivery it already had (same X-Reembed-Event-Id) without keeping it twice. Demo mode only.
 */
@ApplicationScoped
public class WebhookReceiverRoute {

    public static final String PATH = "/local/notifications/webhook";
    static final String CHANNEL = "webhook";

    private final LocalNotifications notifications;
    private final Clock clock;
    private final String secret;

    public WebhookReceiverRoute(LocalNotifications notifications, Clock clock, ReembedConfig config) {
        this.notifications = notifications;
        this.clock = clock;
        this.secret = config.notifications().webhookSecret().orElse(DemoModeConfigSourceFactory.DEMO_WEBHOOK_SECRET);
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        router.post(PATH).consumes("application/json").handler(BodyHandler.create().setBodyLimit(64 * 1024))
                .blockingHandler(this::receive, false);
    }

    private void receive(RoutingContext context) {
        String body = context.body().asString();
        Optional<String> refused = WebhookSignature.problem(secret, context.request().getHeader(WebhookSignature.TIMESTAMP),
                context.request().getHeader(WebhookSignature.SIGNATURE), body == null ? "" : body, clock.instant());
        if (refused.isPresent()) {
            answer(context, 401, "refused: " + refused.get());
            return;
        }
        var fault = notifications.fault(CHANNEL);
        if (fault.isPresent()) {
            answer(context, fault.getAsInt(), "a fault the test asked for");
            return;
        }
        String eventId = context.request().getHeader(WebhookSignature.EVENT_ID);
        boolean first = notifications.keep(new LocalNotifications.Received(CHANNEL, clock.instant(), eventId,
                "POST " + PATH, body));
        answer(context, 200, first ? "received" : "already received: " + eventId);
    }

    private static void answer(RoutingContext context, int status, String text) {
        context.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8").end(text + "\n");
    }
}
