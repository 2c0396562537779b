package io.reembed.notify.channels;

import java.time.Duration;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.notify.Channel;
import io.reembed.notify.DeliveryException;
import io.reembed.notify.RunEvent;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * PutEvents on a bus, shaped as ECS and Step Functions publish their state changes: source
 * {@code reembed.console}, detail-type {@code Re-embed Run State Change}, the event's fields as detail.
 */
final class EventBridgeChannel implements Channel {

    static final String SOURCE = "reembed.console";
    static final String DETAIL_TYPE = "Re-embed Run State Change";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** Entry error codes that clear by themselves (EventBridge's PutEvents reference). */
    private static final Set<String> TRANSIENT = Set.of("ThrottlingException", "InternalException", "InternalFailure",
            "ServiceUnavailable");

    private final EventBridgeClient client;
    private final String bus;
    private final ObjectMapper json;

    EventBridgeChannel(EventBridgeClient client, String bus, ObjectMapper json) {
        this.client = client;
        this.bus = bus;
        this.json = json;
    }

    @Override
    public String name() {
        return "eventbridge";
    }

    @Override
    public String target() {
        return "bus " + bus;
    }

    @Override
    public State check() {
        try {
            var bus = client.describeEventBus(b -> b.name(this.bus).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
            return new State(name(), "ready", "bus " + bus.arn());
        } catch (software.amazon.awssdk.services.eventbridge.model.ResourceNotFoundException e) {
            return new State(name(), "problem", "the bus " + this.bus + " does not exist in this account and region");
        } catch (SdkException e) {
            return new State(name(), "unknown", "could not check the bus " + this.bus + " (" + SdkFailures.of(e).getMessage()
                    + "); the console's role needs events:DescribeEventBus and events:PutEvents on it");
        }
    }

    @Override
    public void send(RunEvent event) throws DeliveryException {
        String detail;
        try {
            detail = json.writeValueAsString(event.fields());
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the event could not be written as JSON: " + e.getMessage(), false);
        }
        PutEventsRequestEntry entry = PutEventsRequestEntry.builder().eventBusName(bus).source(SOURCE)
                .detailType(DETAIL_TYPE).detail(detail).time(event.at()).build();
        try {
            var response = client.putEvents(b -> b.entries(entry).overrideConfiguration(o -> o.apiCallTimeout(TIMEOUT)));
            if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
                PutEventsResultEntry failed = response.entries().get(0);
                throw new DeliveryException(failed.errorCode() + ": " + failed.errorMessage(),
                        TRANSIENT.contains(failed.errorCode()));
            }
        } catch (SdkException e) {
            throw SdkFailures.of(e);
        }
    }
}
