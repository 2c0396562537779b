package io.reembed.local;

import java.io.IOException;
import java.net.ServerSocket;

/** A port nothing listens on, for the processes and servers the tests start. */
public final class LocalPorts {

    private LocalPorts() {
    }

    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free local port", e);
        }
    }
}
