package io.reembed.bots;

import java.util.List;

/** A filter, sort or state value the console does not know: named with the accepted ones, never taken as "any". */
public class UnknownFilterException extends RuntimeException {

    public UnknownFilterException(String parameter, String value, List<String> accepted) {
        super("Unknown " + parameter + " \"" + value + "\"; accepted: " + String.join(", ", accepted) + ".");
    }
}
