package io.reembed.runs.engine;

/** An ECS call the port could not make (refused, throttled, unanswered); the message says which and why. */
public class EcsUnavailableException extends RuntimeException {

    public EcsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
