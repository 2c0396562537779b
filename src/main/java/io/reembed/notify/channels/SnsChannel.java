package io.reembed.notify.channels;

import java.time.Duration;
import java.util.Map;

import io.reembed.notify.Channel;
import io.reembed.notify.DeliveryException;
import io.reembed.notify.RunEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * Publish to a topic: a short subject and the sentence a person reads in an e-mail, with the event's
 * type and run id as message attributes for subscription filters. A FIFO topic gets the event id as
 * its deduplication id, so a message offered again after a crash is dropped by SNS itself.
 */
final class SnsChannel implements Channel {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final SnsClient client;
    private final String topicArn;

    SnsChannel(SnsClient client, String topicArn) {
        this.client = client;
        this.topicArn = topicArn;
    }

    @Override
    public String name() {
        return "sns";
    }

    @Override
    public String target() {
        return "topic " + topicArn;
    }

    @Override
    public State check() {
        try {
            client.getTopicAttributes(b -> b.topicArn(topicArn).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
            return new State(name(), "ready", "topic " + topicArn);
        } catch (software.amazon.awssdk.services.sns.model.NotFoundException e) {
            return new State(name(), "problem", "the topic " + topicArn + " does not exist");
        } catch (SdkException e) {
            return new State(name(), "unknown", "could not check the topic " + topicArn + " (" + SdkFailures.of(e).getMessage()
                    + "); the console's role needs sns:GetTopicAttributes and sns:Publish on it");
        }
    }

    @Override
    public void send(RunEvent event) throws DeliveryException {
        PublishRequest.Builder request = PublishRequest.builder().topicArn(topicArn).subject(event.subject())
                .message(event.text() + "\n\nEvent " + event.id() + " at " + event.at() + ".")
                .messageAttributes(Map.of(
                        "eventType", MessageAttributeValue.builder().dataType("String").stringValue(event.type()).build(),
                        "runId", MessageAttributeValue.builder().dataType("String").stringValue(event.runId()).build()))
                .overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT));
        if (topicArn.endsWith(".fifo")) {
            request.messageGroupId(event.runId()).messageDeduplicationId(event.id());
        }
        try {
            client.publish(request.build());
        } catch (SdkException e) {
            throw SdkFailures.of(e);
        }
    }
}
