package io.reembed.notify.channels;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.config.ReembedConfig;
import io.reembed.notify.Channel;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sns.SnsClient;

/** The channels set in reembed.notify.*, each built only when set (its client too). */
@ApplicationScoped
public class Channels {

    private final List<Channel> configured = new ArrayList<>();

    public Channels(ReembedConfig config, Instance<EventBridgeClient> eventBridge, Instance<SnsClient> sns,
            ObjectMapper json) {
        ReembedConfig.Notify notify = config.notifications();
        notify.eventBus().ifPresent(bus -> configured.add(new EventBridgeChannel(eventBridge.get(), bus, json)));
        notify.snsTopicArn().ifPresent(topic -> configured.add(new SnsChannel(sns.get(), topic)));
        notify.webhookUrl().ifPresent(url -> configured.add(new WebhookChannel(url, notify.webhookSecret(),
                new WebhookTarget(notify.webhookAllowPrivate(), config.mode() == ReembedConfig.Mode.DEMO), json)));
    }

    public List<Channel> configured() {
        return List.copyOf(configured);
    }
}
