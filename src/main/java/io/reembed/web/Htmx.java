package io.reembed.web;

import jakarta.ws.rs.core.HttpHeaders;

/** htmx's request headers, named in one place. */
public final class Htmx {

    public static final String REQUEST = "HX-Request";
    public static final String HISTORY_RESTORE_REQUEST = "HX-History-Restore-Request";

    private Htmx() {
    }

    /** True when htmx asks for a fragment; a history restore needs the whole page. */
    public static boolean wantsFragment(HttpHeaders headers) {
        return "true".equals(headers.getHeaderString(REQUEST))
                && !"true".equals(headers.getHeaderString(HISTORY_RESTORE_REQUEST));
    }
}
