package io.reembed.security;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.reembed.config.ReembedConfig;

/**
 * Answers only requests addressed to this console by name. The demo has no login, so a web page
 * could rebind a name of its own to 127.0.0.1 and drive it from the operator's browser: the demo
 * takes only {@code localhost}, {@code 127.0.0.1} and {@code [::1]}. In aws mode,
 * {@code reembed.http.allowed-hosts} (when set) lists the names it is reached by. Any other Host
 * gets 421, before anything else runs.
 */
@ApplicationScoped
public class AllowedHosts {

    static final List<String> LOOPBACK_NAMES = List.of("localhost", "127.0.0.1", "[::1]");
    /** Before the login checks and every route. */
    private static final int PRIORITY = 1000;

    void register(@Observes Filters filters, ReembedConfig config) {
        Optional<List<String>> allowed = config.mode() == ReembedConfig.Mode.DEMO ? Optional.of(LOOPBACK_NAMES)
                : config.http().allowedHosts().map(names -> names.stream().map(String::toLowerCase).toList());
        allowed.ifPresent(names -> filters.register(context -> {
            // The authority: the Host header in HTTP/1.1, the :authority pseudo-header in HTTP/2.
            var authority = context.request().authority();
            if (authority != null && allows(names, authority.host())) {
                context.next();
            } else {
                context.response().setStatusCode(421).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("This console answers only to " + String.join(", ", names) + ".\n");
            }
        }, PRIORITY));
    }

    /** Whether a request for {@code host} (the authority's host, as sent) is answered. */
    static boolean allows(List<String> names, String host) {
        return host != null && names.contains(HostHeader.parse(host).name());
    }
}
