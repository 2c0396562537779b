package io.reembed.notify;

/** Somewhere run events go: EventBridge, an SNS topic or a webhook. */
public interface Channel {

    /** eventbridge, sns or webhook: the key of its delivery records and metrics. */
    String name();

    /** What it delivers to, for the settings page ("bus reembed-prod", a topic's ARN, a URL without its query). */
    String target();

    /** Delivers one event, or says why not and whether offering it again may help. */
    void send(RunEvent event) throws DeliveryException;

    /** Whether events can go there, found without sending one (for preflight and Settings). */
    State check();

    /**
     * A channel's readiness: {@code ready}, {@code problem} (events would not arrive: a missing bus, a
     * refused URL) or {@code unknown} (the console may not look, such as a permission it lacks to read).
     */
    record State(String channel, String status, String detail) {
    }
}
