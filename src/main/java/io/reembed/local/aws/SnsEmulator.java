package io.reembed.local.aws;

import java.time.Clock;
import java.util.UUID;

import io.reembed.local.DemoAccount;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.notify.LocalNotifications;
import io.vertx.core.MultiMap;

/** SNS Publish and GetTopicAttributes on the demo's one topic; what is published is kept for /local/notifications. */
final class SnsEmulator {

    static final String CHANNEL = "sns";
    private static final String NAMESPACE = "http://sns.amazonaws.com/doc/2010-03-31/";

    private final LocalNotifications notifications;
    private final Clock clock;

    SnsEmulator(LocalNotifications notifications, Clock clock) {
        this.notifications = notifications;
        this.clock = clock;
    }

    String answer(String action, MultiMap form, String requestId) {
        notifications.fault(CHANNEL).ifPresent(status -> {
            throw status >= 500 ? new QueryError(status, "InternalError", "An internal error occurred (a fault the test asked for).")
                    : new QueryError(status, "Throttling", "Rate exceeded");
        });
        String topic = form.get("TopicArn");
        if (!DemoModeConfigSourceFactory.DEMO_TOPIC_ARN.equals(topic)) {
            throw new QueryError(404, "NotFound", "Topic does not exist");
        }
        return switch (action == null ? "" : action) {
            case "Publish" -> publish(form, requestId);
            case "GetTopicAttributes" -> new Xml().open("GetTopicAttributesResponse", NAMESPACE)
                    .open("GetTopicAttributesResult").open("Attributes")
                    .open("entry").element("key", "TopicArn").element("value", topic).close("entry")
                    .open("entry").element("key", "Owner").element("value", DemoAccount.ACCOUNT).close("entry")
                    .open("entry").element("key", "DisplayName").element("value", "Re-embed demo").close("entry")
                    .close("Attributes").close("GetTopicAttributesResult")
                    .open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                    .close("GetTopicAttributesResponse").toString();
            default -> throw new QueryError(400, "InvalidAction", "This emulator answers Publish and GetTopicAttributes only.");
        };
    }

    private String publish(MultiMap form, String requestId) {
        String message = form.get("Message");
        if (message == null || message.isEmpty()) {
            throw new QueryError(400, "InvalidParameter", "Invalid parameter: Empty message");
        }
        String subject = form.get("Subject");
        if (subject != null && subject.length() > 100) {
            throw new QueryError(400, "InvalidParameter", "Invalid parameter: Subject");
        }
        String eventId = null;
        StringBuilder attributes = new StringBuilder();
        for (int i = 1; form.contains("MessageAttributes.entry." + i + ".Name"); i++) {
            String name = form.get("MessageAttributes.entry." + i + ".Name");
            String value = form.get("MessageAttributes.entry." + i + ".Value.StringValue");
            attributes.append(attributes.length() == 0 ? "" : ", ").append(name).append('=').append(value);
        }
        // The console puts its event id in the message's last line; the receiver's idempotency check reads it there.
        int at = message.lastIndexOf("Event ");
        if (at >= 0) {
            eventId = message.substring(at + 6).split(" ", 2)[0];
        }
        notifications.keep(new LocalNotifications.Received(CHANNEL, clock.instant(), eventId,
                subject == null ? "(no subject)" : subject, message + (attributes.length() == 0 ? "" : "\n[" + attributes + "]")));
        return new Xml().open("PublishResponse", NAMESPACE).open("PublishResult")
                .element("MessageId", UUID.randomUUID().toString()).close("PublishResult")
                .open("ResponseMetadata").element("RequestId", requestId).close("ResponseMetadata")
                .close("PublishResponse").toString();
    }
}
