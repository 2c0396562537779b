package io.reembed.local.notify;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.config.ReembedConfig;
import io.reembed.web.PageHeader;

/** /local/notifications: every event and message the demo's channels received, newest first. Demo mode only. */
@Path("/local/notifications")
public class LocalNotificationsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance notifications(PageHeader header, List<LocalNotifications.Received> received,
                int eventBridge, int sns, int webhook);
    }

    private final LocalNotifications notifications;
    private final ReembedConfig config;
    private final PageHeader header;

    LocalNotificationsResource(LocalNotifications notifications, ReembedConfig config, PageHeader header) {
        this.notifications = notifications;
        this.config = config;
        this.header = header;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            throw new NotFoundException();
        }
        List<LocalNotifications.Received> received = new java.util.ArrayList<>(notifications.received());
        java.util.Collections.reverse(received);
        return Templates.notifications(header, received, notifications.received(EventBridgeEmulatorRoute.CHANNEL).size(),
                notifications.received("sns").size(), notifications.received(WebhookReceiverRoute.CHANNEL).size());
    }
}
