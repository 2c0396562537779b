package io.reembed.security;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;

/** Answers 429 to Basic logins from an address or for a user that failed too often, before any hash is computed. */
@ApplicationScoped
public class LoginBrakeFilter {

    /** After the Host check, before the login checks. */
    private static final int PRIORITY = 900;

    void register(@Observes Filters filters, LoginBrake brake) {
        filters.register(context -> {
            Optional<String> user = basicUser(context);
            Optional<Duration> wait = user.flatMap(name -> brake.blocked(clientAddress(context), name));
            if (wait.isPresent()) {
                long seconds = Math.max(1, wait.get().toSeconds());
                context.response().setStatusCode(429).putHeader("Retry-After", Long.toString(seconds))
                        .putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Too many failed logins from this address or for this user; try again in " + seconds
                                + " s.\n");
            } else {
                context.next();
            }
        }, PRIORITY);
    }

    static String clientAddress(RoutingContext context) {
        var address = context.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }

    private static Optional<String> basicUser(RoutingContext context) {
        String header = context.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
