package io.reembed.runs.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.reembed.bots.BotKey;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunHead;

/**
 * The run store in memory: it outlives an engine, as the DynamoDB table outlives a crash. Its
 * items carry versions and its writes the same conditions as the DynamoDB store's (held to it by
 * the store contract test); each engine view remembers the versions it read or wrote.
 */
final class InMemoryRunStore implements RunRepository {

    private record Versioned<T>(T value, long version) {
    }

    /** What the "table" holds, shared by every view. */
    private static final class Items {
        EngineLimits limits;
        Lease lease;
        final Map<String, EngineRequest> requests = new java.util.TreeMap<>();
        final Map<String, Versioned<Run>> runs = new HashMap<>();
        final Map<String, Map<BotKey, Versioned<RunBot>>> bots = new HashMap<>();
    }

    private final Items items;
    /** Null in a view that remembers nothing. */
    private final Map<String, Long> runVersions;
    private final Map<String, Map<BotKey, Long>> botVersions;

    InMemoryRunStore() {
        this(new Items(), null, null);
    }

    private InMemoryRunStore(Items items, Map<String, Long> runVersions, Map<String, Map<BotKey, Long>> botVersions) {
        this.items = items;
        this.runVersions = runVersions;
        this.botVersions = botVersions;
    }

    @Override
    public RunRepository forEngine() {
        return new InMemoryRunStore(items, new HashMap<>(), new HashMap<>());
    }

    @Override
    public void createTableIfMissing() {
    }

    @Override
    public Optional<Taken> takeUp(String runId) {
        synchronized (items) {
            Versioned<Run> run = items.runs.get(runId);
            if (run == null) {
                return Optional.empty();
            }
            List<RunBot> bots = new ArrayList<>();
            items.bots.getOrDefault(runId, Map.of()).forEach((key, bot) -> {
                bots.add(bot.value());
                remember(runId, key, bot.version());
            });
            if (runVersions != null) {
                runVersions.put(runId, run.version());
            }
            return Optional.of(new Taken(run.value(), bots));
        }
    }

    @Override
    public void letGo(String runId) {
        synchronized (items) {
            if (runVersions != null) {
                runVersions.remove(runId);
                botVersions.remove(runId);
            }
        }
    }

    /** Runs this view remembers. */
    int runsKept() {
        synchronized (items) {
            return runVersions == null ? 0 : Math.max(runVersions.size(), botVersions.size());
        }
    }

    @Override
    public void saveRun(Run run) {
        synchronized (items) {
            Long read = runVersions == null ? null : runVersions.get(run.id());
            Versioned<Run> stored = items.runs.get(run.id());
            if (stored == null ? read != null : read == null || stored.version() != read) {
                throw new StaleStateException("Run " + run.id() + " was written by another copy since this one read it");
            }
            long next = read == null ? 1 : read + 1;
            items.runs.put(run.id(), new Versioned<>(run, next));
            if (runVersions != null) {
                runVersions.put(run.id(), next);
            }
        }
    }

    @Override
    public void saveBot(String runId, RunBot bot) {
        saveBots(runId, List.of(bot));
    }

    /** All or none, as a transaction. */
    @Override
    public void saveBots(String runId, List<RunBot> list) {
        synchronized (items) {
            Map<BotKey, Versioned<RunBot>> stored = items.bots.computeIfAbsent(runId, id -> new LinkedHashMap<>());
            for (RunBot bot : list) {
                Long read = botVersions == null ? null : botVersions.getOrDefault(runId, Map.of()).get(bot.key());
                Versioned<RunBot> current = stored.get(bot.key());
                if (current == null ? read != null : read == null || current.version() != read) {
                    throw new StaleStateException("Bot " + bot.botId() + " of run " + runId
                            + " was written by another copy since this one read it");
                }
            }
            for (RunBot bot : list) {
                Long read = botVersions == null ? null : botVersions.getOrDefault(runId, Map.of()).get(bot.key());
                long next = read == null ? 1 : read + 1;
                stored.put(bot.key(), new Versioned<>(bot, next));
                remember(runId, bot.key(), next);
            }
        }
    }

    private void remember(String runId, BotKey key, long version) {
        if (botVersions != null) {
            botVersions.computeIfAbsent(runId, id -> new HashMap<>()).put(key, version);
        }
    }

    @Override
    public Optional<Run> findRun(String id) {
        synchronized (items) {
            return Optional.ofNullable(items.runs.get(id)).map(Versioned::value);
        }
    }

    @Override
    public List<Run> listRuns(int limit) {
        synchronized (items) {
            return items.runs.values().stream().map(Versioned::value).sorted(Comparator.comparing(Run::id).reversed())
                    .limit(limit).toList();
        }
    }

    @Override
    public List<RunHead> listRunHeads(int limit) {
        return listRuns(limit).stream().map(run -> new RunHead(run.id(), run.state(), run.finishedAt(),
                run.audit().size())).toList();
    }

    @Override
    public List<RunBot> loadBots(String runId) {
        synchronized (items) {
            return items.bots.getOrDefault(runId, Map.of()).values().stream().map(Versioned::value)
                    .collect(java.util.stream.Collectors.toCollection(ArrayList::new));
        }
    }

    @Override
    public Optional<EngineLimits> loadLimits() {
        synchronized (items) {
            return Optional.ofNullable(items.limits);
        }
    }

    @Override
    public void saveLimits(EngineLimits limits) {
        synchronized (items) {
            items.limits = limits;
        }
    }

    @Override
    public void clearLimits() {
        synchronized (items) {
            items.limits = null;
        }
    }

    @Override
    public boolean takeLease(String holder, String token, Instant now, Instant until) {
        synchronized (items) {
            Lease lease = items.lease;
            if (lease == null || lease.token().equals(token) || lease.expiresAt().isBefore(now)) {
                items.lease = new Lease(holder, until, token);
                return true;
            }
            return false;
        }
    }

    @Override
    public Optional<Lease> lease() {
        synchronized (items) {
            return Optional.ofNullable(items.lease);
        }
    }

    @Override
    public void releaseLease(String token) {
        synchronized (items) {
            if (items.lease != null && items.lease.token().equals(token)) {
                items.lease = null;
            }
        }
    }

    @Override
    public void saveRequest(EngineRequest request) {
        synchronized (items) {
            items.requests.put(request.id(), request);
        }
    }

    @Override
    public List<EngineRequest> requests() {
        synchronized (items) {
            return List.copyOf(items.requests.values());
        }
    }

    @Override
    public void answerRequest(String id, java.util.Map<String, String> outcome) {
        synchronized (items) {
            items.requests.computeIfPresent(id, (key, request) -> new EngineRequest(request.id(), request.at(),
                    request.who(), request.command(), java.util.Map.copyOf(outcome), request.problem()));
        }
    }

    @Override
    public Optional<EngineRequest> findRequest(String id) {
        synchronized (items) {
            return Optional.ofNullable(items.requests.get(id));
        }
    }

    @Override
    public void deleteRequest(String id) {
        synchronized (items) {
            items.requests.remove(id);
        }
    }

    @Override
    public String location() {
        return "memory";
    }
}
