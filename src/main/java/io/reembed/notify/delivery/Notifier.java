package io.reembed.notify.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.reembed.config.ReembedConfig;
import io.reembed.logging.LogText;
import io.reembed.notify.Channel;
import io.reembed.notify.DeliveryException;
import io.reembed.notify.RunEvent;
import io.reembed.notify.RunEvents;
import io.reembed.notify.channels.Channels;
import io.reembed.runs.Run;
import io.reembed.runs.RunHead;
import io.reembed.runs.engine.RunEngine;
import io.reembed.runs.engine.RunRepository;

/**
 * Delivers run events to each configured channel, on the copy that drives runs, each channel on a
 * thread of its own so that a slow or dead one delays neither the others nor the engine. Each channel
 * takes a run's events in order; a retryable failure is offered again after a doubling wait until
 * give-up-after has passed, a refusal (4xx) is given up at once. What was delivered is recorded in
 * the channel's ledger after the channel took it: a copy that dies in between offers it again, with
 * the same event id, when it or the next copy resumes.
 */
@ApplicationScoped
public class Notifier {

    private static final Logger LOG = Logger.getLogger(Notifier.class);
    /** The runs looked at each time: those still running and those that ended within give-up-after. */
    private static final int RUNS_LOOKED_AT = 200;

    private final List<Channel> channels;
    private final RunRepository runs;
    private final LedgerItems ledgers;
    private final RunEngine engine;
    private final ReembedConfig.Notify settings;
    private final String stack;
    private final Clock clock;
    private final MeterRegistry metrics;
    private final List<ScheduledExecutorService> threads = new ArrayList<>();
    /** By channel, the ended runs whose ledger was found settled: only a run that runs again has more to offer. */
    private final Map<String, Set<String>> settledRuns = new ConcurrentHashMap<>();
    /** The last listing of the runs, which the channels' passes within half an interval share. */
    private volatile Listing listing;

    private record Listing(long atNanos, List<RunHead> heads) {
    }

    public Notifier(Channels channels, RunRepository runs, LedgerItems ledgers, RunEngine engine, ReembedConfig config,
            Clock clock, MeterRegistry metrics) {
        this.channels = channels.configured();
        this.runs = runs;
        this.ledgers = ledgers;
        this.engine = engine;
        this.settings = config.notifications();
        this.stack = config.stackName();
        this.clock = clock;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    /** Starts a delivery thread per channel (again, after {@link #stop()}). */
    public synchronized void start() {
        if (!threads.isEmpty()) {
            return;
        }
        for (Channel channel : channels) {
            ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread named = new Thread(runnable, "notify-" + channel.name());
                named.setDaemon(true);
                return named;
            });
            long every = settings.interval().toMillis();
            thread.scheduleWithFixedDelay(() -> deliverDue(channel), every, every, TimeUnit.MILLISECONDS);
            threads.add(thread);
            LOG.infof("Run events go to %s (%s)", channel.name(), LogText.escape(channel.target()));
        }
    }

    /** Stops delivering, as a copy that dies would; for tests and at shutdown. */
    public synchronized void stop() {
        threads.forEach(ScheduledExecutorService::shutdownNow);
        threads.clear();
    }

    void stop(@Observes ShutdownEvent event) {
        stop();
    }

    public List<Channel> channels() {
        return channels;
    }

    /** One pass of one channel over the runs with events it may not have had yet. */
    void deliverDue(Channel channel) {
        try {
            if (!engine.driving()) {
                return;
            }
            Instant now = clock.instant();
            Set<String> settled = settledRuns.computeIfAbsent(channel.name(), name -> ConcurrentHashMap.newKeySet());
            List<RunHead> listed = runHeads();
            settled.retainAll(listed.stream().map(RunHead::id).toList());
            for (RunHead head : listed) {
                if (!head.active() && (settled.contains(head.id()) || head.finishedAt() != null
                        && head.finishedAt().isBefore(now.minus(settings.giveUpAfter())))) {
                    continue;
                }
                settled.remove(head.id());
                Ledger ledger = ledgers.find(head.id(), channel.name());
                if (ledger.settled() && !head.active()) {
                    // Nothing more to offer until the run runs again: not read again each pass.
                    settled.add(head.id());
                    continue;
                }
                if (head.active() && head.nothingFrom(ledger.next())) {
                    // A running run with no event since the last one offered: its trail is not read.
                    continue;
                }
                Optional<Run> run = runs.findRun(head.id());
                if (run.isPresent()) {
                    deliver(channel, run.get(), ledger);
                }
            }
        } catch (RuntimeException e) {
            LOG.warnf("Run events for %s not looked at this time: %s", channel.name(), LogText.escape(String.valueOf(e.getMessage())));
        }
    }

    /** The runs' heads, listed at most once per half interval for all channels (one query, not one each). */
    private List<RunHead> runHeads() {
        long now = System.nanoTime();
        Listing last = listing;
        if (last != null && now - last.atNanos() < settings.interval().toNanos() / 2) {
            return last.heads();
        }
        List<RunHead> heads = runs.listRunHeads(RUNS_LOOKED_AT);
        listing = new Listing(now, heads);
        return heads;
    }

    private void deliver(Channel channel, Run run, Ledger ledger) {
        Ledger now = ledger;
        // Entries that are no event are passed in memory and stored with what comes next, not one write each.
        boolean passedUnsaved = false;
        while (now.next() < run.audit().size()) {
            Instant at = clock.instant();
            int index = now.next();
            Optional<RunEvent> event = RunEvents.at(run, index, stack, settings.consoleUrl());
            Ledger after;
            if (event.isEmpty()) {
                now = now.passed(index);
                passedUnsaved = true;
                continue;
            } else if (event.get().at().isBefore(at.minus(settings.giveUpAfter()))) {
                after = now.gaveUp(index, "older than " + settings.giveUpAfter().toHours() + " h when first offered");
                count(channel, "gave_up");
            } else if (!now.due(at) || !engine.driving()) {
                return;
            } else {
                after = offer(channel, event.get(), now, at);
                if (after.next() == index) {
                    // To be offered again later: its tries are kept, the entries after it wait for it.
                    save(after);
                    return;
                }
            }
            if (!save(after)) {
                return;
            }
            now = after.withRevision(now.revision() + 1);
            passedUnsaved = false;
        }
        if (!run.active() && !now.settled()) {
            save(now.asSettled());
        } else if (passedUnsaved) {
            save(now);
        }
    }

    private Ledger offer(Channel channel, RunEvent event, Ledger ledger, Instant at) {
        try {
            channel.send(event);
            count(channel, "delivered");
            LOG.infof("Run %s: %s event %s delivered to %s", event.runId(), event.type(), event.id(), channel.name());
            return ledger.delivered(event.index(), clock.instant());
        } catch (DeliveryException e) {
            boolean expired = ledger.firstTry() != null && at.isAfter(ledger.firstTry().plus(settings.giveUpAfter()));
            if (!e.retryable() || expired) {
                count(channel, "gave_up");
                LOG.warnf("Run %s: %s event %s not delivered to %s, given up: %s", event.runId(), event.type(), event.id(),
                        channel.name(), LogText.escape(e.getMessage()));
                return ledger.gaveUp(event.index(), e.getMessage());
            }
            count(channel, "retrying");
            Ledger failed = ledger.failed(at, e.getMessage(), settings.firstRetryWait());
            if (failed.tries() == 1 || failed.tries() % 10 == 0) {
                LOG.warnf("Run %s: %s event %s not delivered to %s (try %d), offered again from %s: %s", event.runId(),
                        event.type(), event.id(), channel.name(), failed.tries(), failed.nextTry(), LogText.escape(e.getMessage()));
            }
            return failed;
        }
    }

    private boolean save(Ledger ledger) {
        boolean saved = ledgers.save(ledger);
        if (!saved) {
            LOG.infof("The %s ledger of run %s was written by another copy: left to it", ledger.channel(), ledger.runId());
        }
        return saved;
    }

    private void count(Channel channel, String outcome) {
        metrics.counter("reembed.notifications", "channel", channel.name(), "outcome", outcome).increment();
    }

    /** What a test event found on each channel, and when. */
    public record TestResult(Instant at, String who, List<String> outcomes) {
    }

    private volatile TestResult lastTest;

    /**
     * Sends a test event to every channel at once, outside any run and any ledger: what an operator
     * presses after setting a channel up. Each channel says "delivered" or why not.
     */
    public TestResult sendTest(String who) {
        Instant at = clock.instant();
        RunEvent event = new RunEvent("test-" + at.toEpochMilli(), "test", "test", -1, at, who, "a test event", null, null,
                0, null, null, stack, settings.consoleUrl().map(Object::toString).orElse(null));
        List<String> outcomes = new ArrayList<>();
        for (Channel channel : channels) {
            try {
                channel.send(event);
                count(channel, "delivered");
                outcomes.add(channel.name() + ": delivered");
            } catch (DeliveryException e) {
                outcomes.add(channel.name() + ": not delivered, " + e.getMessage());
            }
        }
        LOG.infof("Test event %s sent by %s: %s", event.id(), LogText.escape(who), String.join("; ", outcomes));
        lastTest = new TestResult(at, who, List.copyOf(outcomes));
        return lastTest;
    }

    public Optional<TestResult> lastTest() {
        return Optional.ofNullable(lastTest);
    }
}
