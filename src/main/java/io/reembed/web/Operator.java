package io.reembed.web;

import java.security.Principal;

import jakarta.ws.rs.core.SecurityContext;

import io.reembed.config.ReembedConfig;

/** The name recorded in a run's audit trail for whoever made the request. */
public final class Operator {

    public static final String DEMO_OPERATOR = "admin@localhost (demo)";

    private Operator() {
    }

    public static String name(SecurityContext security, ReembedConfig config) {
        Principal principal = security == null ? null : security.getUserPrincipal();
        if (principal != null && principal.getName() != null && !principal.getName().isBlank()) {
            return principal.getName();
        }
        return config.mode() == ReembedConfig.Mode.DEMO ? DEMO_OPERATOR : "anonymous";
    }
}
