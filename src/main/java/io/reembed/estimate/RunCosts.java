package io.reembed.estimate;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.bots.Bot;
import io.reembed.config.ReembedConfig;
import io.reembed.runs.RunSnapshot;
import software.amazon.awssdk.core.exception.SdkException;

/** Estimates for the pages and the API: of a selection before it is launched, and a run's beside what it took. */
@ApplicationScoped
public class RunCosts {

    /** The estimate at launch and the figures so far (or final). */
    public record Comparison(Estimate estimate, RunFigures actual) {
    }

    private final Estimator estimator;
    private final EstimateStore store;
    private final ReembedConfig.Estimate settings;

    public RunCosts(Estimator estimator, EstimateStore store, ReembedConfig config) {
        this.estimator = estimator;
        this.store = store;
        this.settings = config.estimate();
    }

    /** The estimate for these bots, launched in this order, with the run's own share of tasks in flight (or null). */
    public Estimate estimate(List<Bot> bots, Integer runShare) {
        return estimator.of(bots, runShare);
    }

    /** Empty for a run launched before estimates were kept, or when the runs table cannot be read. */
    public Optional<Comparison> of(RunSnapshot snapshot) {
        try {
            return store.find(snapshot.run().id()).map(estimate -> new Comparison(estimate, actual(snapshot, estimate)));
        } catch (SdkException e) {
            return Optional.empty();
        }
    }

    /** The run's figures so far (or final), priced at the task size of its estimate at launch. */
    public RunFigures actual(RunSnapshot snapshot, Estimate estimate) {
        return RunFigures.of(snapshot, estimate, FargatePrices.of(snapshot.run().ecs().region(), settings));
    }
}
