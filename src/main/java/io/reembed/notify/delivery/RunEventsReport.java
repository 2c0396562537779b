package io.reembed.notify.delivery;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import io.reembed.notify.Channel;
import io.reembed.notify.RunEvent;
import io.reembed.notify.RunEvents;
import io.reembed.runs.Run;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.engine.RunRepository;
import io.reembed.text.Words;

/** A run's events and, per channel, whether each was delivered, is being offered again, or was given up. */
@ApplicationScoped
public class RunEventsReport {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    /** One channel's side of one event: delivered, retrying, gave up or waiting, and the words for it. */
    public record Delivery(String channel, String state, String label, Instant deliveredAt) {
    }

    public record Event(RunEvent event, List<Delivery> deliveries) {
        public String atLabel() {
            return TIME.format(event.at());
        }
    }

    private final Notifier notifier;
    private final LedgerItems ledgers;
    private final ReembedConfig config;
    private final RunRepository runs;

    public RunEventsReport(Notifier notifier, LedgerItems ledgers, ReembedConfig config, RunRepository runs) {
        this.runs = runs;
        this.notifier = notifier;
        this.ledgers = ledgers;
        this.config = config;
    }

    /** The run whose events a page or the API shows; a 404 for an id that names none. */
    public Run run(String runId) {
        return runs.findRun(runId).orElseThrow(() -> new RunRefusedException(RunRefusedException.Reason.NO_SUCH_RUN,
                "There is no run " + runId + "."));
    }

    public List<String> channels() {
        return notifier.channels().stream().map(Channel::name).toList();
    }

    public List<Event> of(Run run) {
        Map<String, Ledger> byChannel = channels().isEmpty() ? Map.of() : ledgers.ofRun(run.id());
        List<Event> events = new ArrayList<>();
        for (RunEvent event : RunEvents.of(run, config.stackName(), config.notifications().consoleUrl())) {
            List<Delivery> deliveries = new ArrayList<>();
            for (String channel : channels()) {
                deliveries.add(delivery(byChannel.getOrDefault(channel, Ledger.fresh(run.id(), channel)), event.index()));
            }
            events.add(new Event(event, deliveries));
        }
        return events;
    }

    /** Whether a channel may still change what the page shows: something waits or is being offered again. */
    public static boolean pending(List<Event> events) {
        return events.stream().flatMap(event -> event.deliveries().stream())
                .anyMatch(delivery -> delivery.state().equals("waiting") || delivery.state().equals("retrying"));
    }

    private static Delivery delivery(Ledger ledger, int index) {
        if (ledger.delivered().containsKey(index)) {
            Instant at = ledger.delivered().get(index);
            return new Delivery(ledger.channel(), "delivered", "delivered " + TIME.format(at), at);
        }
        if (ledger.gaveUp().containsKey(index)) {
            return new Delivery(ledger.channel(), "gave up", "gave up: " + ledger.gaveUp().get(index), null);
        }
        if (index == ledger.next() && ledger.tries() > 0) {
            return new Delivery(ledger.channel(), "retrying", "retrying (" + Words.count(ledger.tries(), "try", "tries")
                    + " failed, last: " + ledger.problem() + "; next at " + TIME.format(ledger.nextTry()) + ")", null);
        }
        return new Delivery(ledger.channel(), "waiting", "waiting", null);
    }
}
