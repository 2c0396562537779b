package io.reembed.runs.engine;

/**
 * A command stored as a request for the copy that drives runs, which has not answered yet: it
 * applies it when it does (a new copy takes over within the lease's duration).
 */
public class RequestPendingException extends RuntimeException {

    public RequestPendingException(String message) {
        super(message);
    }
}
