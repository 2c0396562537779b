package io.reembed.runs.engine;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.reembed.bots.BotKey;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;

/** The run store in memory: it outlives an engine, as the DynamoDB table outlives a crash. */
final class InMemoryRunStore implements RunRepository {

    private volatile EngineLimits limits;
    private Lease lease;
    private final Map<String, EngineRequest> requests = new java.util.concurrent.ConcurrentSkipListMap<>();

    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final Map<String, Map<BotKey, RunBot>> bots = new ConcurrentHashMap<>();

    @Override
    public void createTableIfMissing() {
    }

    @Override
    public void saveRun(Run run) {
        runs.put(run.id(), run);
    }

    @Override
    public synchronized void saveBot(String runId, RunBot bot) {
        bots.computeIfAbsent(runId, id -> new LinkedHashMap<>()).put(bot.key(), bot);
    }

    @Override
    public void saveBots(String runId, List<RunBot> list) {
        list.forEach(bot -> saveBot(runId, bot));
    }

    @Override
    public Optional<Run> findRun(String id) {
        return Optional.ofNullable(runs.get(id));
    }

    @Override
    public List<Run> listRuns(int limit) {
        return runs.values().stream().sorted(Comparator.comparing(Run::id).reversed()).limit(limit).toList();
    }

    @Override
    public synchronized List<RunBot> loadBots(String runId) {
        return new ArrayList<>(bots.getOrDefault(runId, Map.of()).values());
    }

    @Override
    public Optional<EngineLimits> loadLimits() {
        return Optional.ofNullable(limits);
    }

    @Override
    public void saveLimits(EngineLimits limits) {
        this.limits = limits;
    }

    @Override
    public void clearLimits() {
        this.limits = null;
    }

    @Override
    public synchronized boolean takeLease(String holder, java.time.Instant now, java.time.Instant until) {
        if (lease == null || lease.holder().equals(holder) || lease.expiresAt().isBefore(now)) {
            lease = new Lease(holder, until);
            return true;
        }
        return false;
    }

    @Override
    public synchronized Optional<Lease> lease() {
        return Optional.ofNullable(lease);
    }

    @Override
    public synchronized void releaseLease(String holder) {
        if (lease != null && lease.holder().equals(holder)) {
            lease = null;
        }
    }

    @Override
    public void saveRequest(EngineRequest request) {
        requests.put(request.id(), request);
    }

    @Override
    public List<EngineRequest> requests() {
        return List.copyOf(requests.values());
    }

    @Override
    public Optional<EngineRequest> findRequest(String id) {
        return Optional.ofNullable(requests.get(id));
    }

    @Override
    public void deleteRequest(String id) {
        requests.remove(id);
    }

    @Override
    public String location() {
        return "memory";
    }
}
