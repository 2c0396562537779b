package io.reembed.estimate;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reembed.runs.RunStarted;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/** Keeps each run's estimate as it stood at launch. A launch never fails for want of an estimate. */
@ApplicationScoped
public class RunEstimateRecorder {

    private static final Logger LOG = Logger.getLogger(RunEstimateRecorder.class);

    private final Estimator estimator;
    private final EstimateStore store;

    public RunEstimateRecorder(Estimator estimator, EstimateStore store) {
        this.estimator = estimator;
        this.store = store;
    }

    void onStarted(@Observes RunStarted started) {
        try {
            store.save(started.runId(), estimator.of(started.bots(), started.maxInFlight()));
        } catch (SdkException | IllegalStateException e) {
            LOG.warnf("Run %s: its estimate could not be kept: %s", started.runId(), e.getMessage());
        }
    }
}
