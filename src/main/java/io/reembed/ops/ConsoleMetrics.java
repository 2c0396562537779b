package io.reembed.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.reembed.bots.BotCatalog;
import io.reembed.runs.BotState;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunEnded;
import io.reembed.runs.RunState;
import io.reembed.runs.engine.EngineMetrics;
import io.reembed.runs.engine.RunEngine;
import io.reembed.runs.engine.RunRepository;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The console's own metrics, all named {@code reembed.*} (Prometheus: {@code reembed_*}), read from
 * the counters the engine and the catalog keep: nothing is counted twice, and a scrape costs no AWS
 * call but one runs-table query a minute for the finished runs. docs/operations.md lists
 * them.
 */
@ApplicationScoped
public class ConsoleMetrics {

    private static final Duration FINISHED_RUNS_KEPT = Duration.ofMinutes(1);
    private static final int FINISHED_RUNS_COUNTED = 1_000;

    private final MeterRegistry registry;
    private final EngineMetrics engineMetrics;
    private final RunEngine engine;
    private final RunRepository store;
    private final BotCatalog catalog;
    private final Clock clock;
    private volatile Map<RunState, Integer> storedRuns = Map.of();
    private volatile Instant storedRunsAt = Instant.MIN;

    public ConsoleMetrics(MeterRegistry registry, EngineMetrics engineMetrics, RunEngine engine, RunRepository store,
            BotCatalog catalog, Clock clock) {
        this.registry = registry;
        this.engineMetrics = engineMetrics;
        this.engine = engine;
        this.store = store;
        this.catalog = catalog;
        this.clock = clock;
    }

    void bind(@Observes StartupEvent event) {
        runTaskCalls("launched", EngineMetrics::runTaskLaunched);
        runTaskCalls("throttled", EngineMetrics::runTaskThrottled);
        runTaskCalls("capacity", EngineMetrics::capacityFailures);
        runTaskCalls("refused", EngineMetrics::runTaskRefused);
        runTaskCalls("unanswered", EngineMetrics::runTaskUnanswered);
        FunctionCounter.builder("reembed.describetasks.calls", engineMetrics, EngineMetrics::describeTasksCalls)
                .description("DescribeTasks calls of the tracker (100 tasks a call)").register(registry);
        FunctionTimer.builder("reembed.poll", engineMetrics, EngineMetrics::polls, EngineMetrics::pollNanos,
                TimeUnit.NANOSECONDS).description("The tracker's polls of every task in flight").register(registry);
        FunctionCounter.builder("reembed.stoptask.calls", engineMetrics, EngineMetrics::stopTaskCalls)
                .description("StopTask calls (cancels, stuck tasks)").register(registry);
        Gauge.builder("reembed.tasks.inflight", engine, RunEngine::tasksInFlight)
                .description("Tasks launching or running, over all runs").register(registry);
        Gauge.builder("reembed.tasks.inflight.limit", engine, e -> e.limits().maxInFlight())
                .description("The in-flight limit over all runs now in force").register(registry);
        for (FailureKind kind : FailureKind.values()) {
            FunctionCounter.builder("reembed.failures", engineMetrics, m -> m.failures(kind)).tag("kind", kind.word())
                    .description("Attempts that ended FAILED, by failure kind").register(registry);
        }
        for (RunState state : RunState.values()) {
            Gauge.builder("reembed.runs", this, metrics -> metrics.runs(state)).tag("state", state.name())
                    .description("Runs by state (finished ones among the latest thousand)").register(registry);
        }
        for (BotState state : BotState.values()) {
            Gauge.builder("reembed.bots", engine, e -> e.census().bots().getOrDefault(state, 0))
                    .tag("state", state.name()).description("Bots of the active runs, by state").register(registry);
        }
        FunctionTimer.builder("reembed.catalog.read", catalog, BotCatalog::reads, BotCatalog::readNanos,
                TimeUnit.NANOSECONDS).description("Readings of the conversation table's bots").register(registry);
        FunctionCounter.builder("reembed.catalog.items.read", catalog, BotCatalog::itemsRead)
                .description("Items DynamoDB returned to the catalog's readings").register(registry);
    }

    /** A run ended: the finished runs are counted again at the next scrape. */
    void onRunEnded(@Observes RunEnded ended) {
        storedRunsAt = Instant.MIN;
    }

    private void runTaskCalls(String outcome, ToDoubleFunction<EngineMetrics> count) {
        FunctionCounter.builder("reembed.runtask.calls", engineMetrics, count).tag("outcome", outcome)
                .description("RunTask calls by outcome").register(registry);
    }

    /** Active runs from the engine, finished ones from the runs table (read at most once a minute). */
    private double runs(RunState state) {
        if (state.active()) {
            return engine.census().runs().getOrDefault(state, 0);
        }
        Instant now = clock.instant();
        if (Duration.between(storedRunsAt, now).compareTo(FINISHED_RUNS_KEPT) > 0) {
            storedRunsAt = now;
            try {
                Map<RunState, Integer> counted = new EnumMap<>(RunState.class);
                for (Run run : store.listRuns(FINISHED_RUNS_COUNTED)) {
                    counted.merge(run.state(), 1, Integer::sum);
                }
                storedRuns = counted;
            } catch (SdkException e) {
                // The last count stands; readiness reports the table.
            }
        }
        return storedRuns.getOrDefault(state, 0);
    }
}
