package io.reembed.runs.engine;

/** The run engine cannot take a command now (it did not start, is stopping, or is busy); nothing was changed. */
public class EngineUnavailableException extends RuntimeException {

    public EngineUnavailableException(String message) {
        super(message);
    }
}
