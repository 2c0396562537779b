package io.reembed.runs.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.reembed.bots.Bot;
import io.reembed.bots.BotKey;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.Run;
import io.reembed.runs.RunRefusedException;
import io.reembed.runs.Steering;

/**
 * What a copy that does not drive runs does with commands: it stores each as a request for the copy
 * that does, waits a moment for its answer, and answers with the stored state. A new run it stores
 * itself (its bots first) and asks the driving copy to take it on.
 */
final class StandbyCopy {

    private static final long POLL_MILLIS = 100;
    private static final Duration HELD_KEPT = Duration.ofSeconds(5);

    private final RunRepository store;
    private final Clock clock;
    private final Duration wait;
    private final EngineLease lease;
    private final EngineLimits configured;
    private Map<BotKey, String> heldBots = Map.of();
    private Instant heldAt;

    StandbyCopy(RunRepository store, Clock clock, Duration wait, EngineLease lease, EngineLimits configured) {
        this.store = store;
        this.configured = configured;
        this.clock = clock;
        this.wait = wait;
        this.lease = lease;
    }

    /** Stores the command as a request, waits for the driving copy's outcome, and answers from it. */
    <R> R ask(EngineCommand<R> command, String who) {
        return command.answer(await(EngineRequest.of(clock.instant(), who, command)), store, configured);
    }

    /** Stores the run here, leaving out bots an active run holds, and asks the driving copy to take it on. */
    RunCoordinator.Started startRun(List<Bot> bots, EcsLaunchSettings ecs, String who, String selection, String where,
            Steering steering) {
        Set<BotKey> held = heldByActiveRuns();
        NewRuns.Stored stored = NewRuns.store(store, clock.instant(), bots, held::contains, ecs, who, selection,
                where + "; started on copy " + lease.copy(), steering);
        if (stored.run() != null) {
            store.saveRequest(EngineRequest.of(clock.instant(), who, new EngineCommand.Adopt(stored.run().id())));
        }
        return new RunCoordinator.Started(stored.run(), stored.busy());
    }

    private Set<BotKey> heldByActiveRuns() {
        return held(Duration.ZERO).keySet();
    }

    /** The active run that holds this bot, as the stored runs say (read again when older than a few seconds). */
    Optional<String> activeRunOf(BotKey key) {
        return Optional.ofNullable(held(HELD_KEPT).get(key));
    }

    private synchronized Map<BotKey, String> held(Duration kept) {
        Instant now = clock.instant();
        if (heldAt == null || Duration.between(heldAt, now).compareTo(kept) >= 0) {
            Map<BotKey, String> held = new HashMap<>();
            for (Run run : store.listRuns(Integer.MAX_VALUE)) {
                if (run.active()) {
                    store.loadBots(run.id()).stream().filter(bot -> !bot.state().terminal())
                            .forEach(bot -> held.put(bot.key(), run.id()));
                }
            }
            heldBots = Map.copyOf(held);
            heldAt = now;
        }
        return heldBots;
    }

    private Map<String, String> await(EngineRequest request) {
        store.saveRequest(request);
        Instant until = clock.instant().plus(wait);
        while (clock.instant().isBefore(until)) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            Optional<EngineRequest> seen = store.findRequest(request.id());
            if (seen.isPresent() && seen.get().outcome() != null) {
                store.deleteRequest(request.id());
                if (seen.get().outcome().containsKey(EngineRequests.UNKNOWN)) {
                    throw new EngineUnavailableException(seen.get().outcome().get(EngineRequests.UNKNOWN));
                }
                if (seen.get().outcome().containsKey(EngineRequests.REFUSED)) {
                    throw new RunRefusedException(RunRefusedException.Reason.BAD_SELECTION,
                            seen.get().outcome().get(EngineRequests.REFUSED));
                }
                return seen.get().outcome();
            }
        }
        throw new RequestPendingException("This copy (" + lease.copy() + ") does not drive runs"
                + lease.lastSeen().map(holder -> "; " + holder.holder() + " does").orElse("")
                + ". The request is stored and the copy that drives runs applies it within a cycle of taking it up; "
                + "reload in a moment.");
    }
}
