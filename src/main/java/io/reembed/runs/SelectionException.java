package io.reembed.runs;

/** A selection that cannot be launched as asked: the message says why, and nothing is launched. */
public class SelectionException extends RuntimeException {

    public SelectionException(String message) {
        super(message);
    }
}
