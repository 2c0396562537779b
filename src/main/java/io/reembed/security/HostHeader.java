package io.reembed.security;

import java.util.Locale;

/** A Host header split into name and port: {@code console.example.com:8443}, {@code [::1]:8080}. */
record HostHeader(String name, int port) {

    static HostHeader parse(String header) {
        String value = header.trim().toLowerCase(Locale.ROOT);
        int colon = value.lastIndexOf(':');
        int bracket = value.lastIndexOf(']');
        if (colon > bracket && colon > 0) {
            try {
                return new HostHeader(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
            } catch (NumberFormatException e) {
                return new HostHeader(value, -1);
            }
        }
        return new HostHeader(value, -1);
    }
}
