package io.reembed.local.notify;

import java.time.Clock;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoAccount;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.EcsApiException;
import io.reembed.local.Json11Route;
import io.vertx.ext.web.Router;

/**
 * The demo's EventBridge: PutEvents and DescribeEventBus in its JSON 1.1 protocol, with one custom bus
 * (reembed-demo) and the default one. What is put is kept for /local/notifications. Demo mode only.
 */
@ApplicationScoped
public class EventBridgeEmulatorRoute {

    public static final String PATH = "/local/events";
    static final String CHANNEL = "eventbridge";
    private static final String BUS_ARN = "arn:aws:events:" + DemoModeConfigSourceFactory.DEMO_REGION + ":"
            + DemoAccount.ACCOUNT + ":event-bus/";

    private final LocalNotifications notifications;
    private final ObjectMapper json;
    private final Clock clock;

    public EventBridgeEmulatorRoute(LocalNotifications notifications, ObjectMapper json, Clock clock) {
        this.notifications = notifications;
        this.json = json;
        this.clock = clock;
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        Json11Route.register(router, PATH, 256 * 1024, "AWSEvents.", json, this::call, "events",
                (operation, request) -> List.of(BUS_ARN + busName(operation.equals("PutEvents")
                        ? text(request.path("Entries").path(0), "EventBusName") : text(request, "Name"))));
    }

    private ObjectNode call(String operation, JsonNode request) {
        notifications.fault(CHANNEL).ifPresent(EventBridgeEmulatorRoute::fail);
        return switch (operation) {
            case "PutEvents" -> putEvents(request);
            case "DescribeEventBus" -> {
                String bus = known(busName(text(request, "Name")));
                yield json.createObjectNode().put("Name", bus).put("Arn", BUS_ARN + bus);
            }
            default -> throw new EcsApiException("UnknownOperationException", "This emulator answers PutEvents and "
                    + "DescribeEventBus only.");
        };
    }

    private ObjectNode putEvents(JsonNode request) {
        JsonNode entries = request.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw new EcsApiException("ValidationException", "Entries must hold 1 to 10 entries.");
        }
        ObjectNode response = json.createObjectNode().put("FailedEntryCount", 0);
        for (JsonNode entry : entries) {
            known(busName(text(entry, "EventBusName")));
            String detail = text(entry, "Detail");
            JsonNode parsed;
            try {
                parsed = json.readTree(detail == null ? "" : detail);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                parsed = null;
            }
            if (parsed == null || !parsed.isObject() || text(entry, "Source") == null || text(entry, "DetailType") == null) {
                throw new EcsApiException("ValidationException", "Each entry needs a Source, a DetailType and a Detail that "
                        + "is a JSON object.");
            }
            notifications.keep(new LocalNotifications.Received(CHANNEL, clock.instant(), parsed.path("id").asText(null),
                    text(entry, "DetailType") + " from " + text(entry, "Source"), detail));
            response.withArray("Entries").addObject().put("EventId", UUID.randomUUID().toString());
        }
        return response;
    }

    private static String busName(String nameOrArn) {
        if (nameOrArn == null || nameOrArn.isEmpty()) {
            return "default";
        }
        return nameOrArn.startsWith(BUS_ARN) ? nameOrArn.substring(BUS_ARN.length()) : nameOrArn;
    }

    private static String known(String bus) {
        if (!bus.equals("default") && !bus.equals(DemoModeConfigSourceFactory.DEMO_EVENT_BUS)) {
            throw new EcsApiException("ResourceNotFoundException", "Event bus " + bus + " does not exist.");
        }
        return bus;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }

    private static void fail(int status) {
        throw status >= 500 ? new EcsApiException("InternalException", "An internal error occurred (a fault the test asked for).",
                status, List.of())
                : new EcsApiException("ThrottlingException", "Rate exceeded", status, List.of());
    }
}
