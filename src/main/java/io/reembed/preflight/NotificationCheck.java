package io.reembed.preflight;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.notify.Channel;
import io.reembed.notify.channels.Channels;

/**
 * The notification channels that are set: the bus and topic exist and may be read, the webhook URL
 * is one the console may post to. A problem here never blocks launching; it says events would not arrive.
 */
@ApplicationScoped
public class NotificationCheck {

    public static final String ID = "notifications";
    private static final String TITLE = "Notification channels";

    private final Channels channels;

    NotificationCheck(Channels channels) {
        this.channels = channels;
    }

    /** None when no channel is set. */
    Optional<Check> check() {
        List<Channel.State> states = channels.configured().stream().map(Channel::check).toList();
        if (states.isEmpty()) {
            return Optional.empty();
        }
        String detail = String.join("; ", states.stream().map(state -> state.channel() + ": " + state.detail()).toList());
        if (states.stream().anyMatch(state -> state.status().equals("problem"))) {
            return Optional.of(Check.warn(ID, TITLE, detail, "Run events will not arrive where one is marked; fix its "
                    + "reembed.notify.* setting or create what it names. Launching is not blocked."));
        }
        if (states.stream().anyMatch(state -> state.status().equals("unknown"))) {
            return Optional.of(Check.unknown(ID, TITLE, detail, "Grant the permissions named, then \"Check again\"."));
        }
        return Optional.of(Check.pass(ID, TITLE, detail));
    }
}
