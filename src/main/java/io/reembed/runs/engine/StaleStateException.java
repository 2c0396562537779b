package io.reembed.runs.engine;

/**
 * A write found the item newer than this copy last saw it: another copy drives runs now. The copy
 * that meets it stops driving at once.
 */
public class StaleStateException extends RuntimeException {

    public StaleStateException(String message) {
        super(message);
    }
}
