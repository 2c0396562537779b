package io.reembed.runs.engine;

import java.time.Duration;

/** Waits; tests pass one that moves their clock instead, so no test waits for real. */
@FunctionalInterface
public interface Sleeper {

    Sleeper REAL = pause -> Thread.sleep(pause.toMillis(), (int) (pause.toNanosPart() % 1_000_000));

    void sleep(Duration pause) throws InterruptedException;
}
