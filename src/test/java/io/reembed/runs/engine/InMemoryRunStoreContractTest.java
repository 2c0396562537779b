package io.reembed.runs.engine;

/** The in-memory store the engine's unit tests use keeps the same promises as the DynamoDB store. */
class InMemoryRunStoreContractTest extends RunRepositoryContract {

    @Override
    RunRepository store() {
        return new InMemoryRunStore();
    }

    @Override
    int runsKept(RunRepository engineView) {
        return ((InMemoryRunStore) engineView).runsKept();
    }
}
