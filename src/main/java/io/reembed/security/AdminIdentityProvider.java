package io.reembed.security;

import java.time.Clock;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.reembed.config.ReembedConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/** The built-in single administrator {@code admin}, checked against REEMBED_ADMIN_PASSWORD or its hash. */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ADMIN = "admin";

    private final ReembedConfig config;
    private final LoginBrake brake;
    private final Clock clock;
    private final VerifiedPassword verified = new VerifiedPassword(Duration.ofMinutes(10));

    public AdminIdentityProvider(ReembedConfig config, LoginBrake brake, Clock clock) {
        this.config = config;
        this.brake = brake;
        this.clock = clock;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        RoutingContext http = HttpSecurityUtils.getRoutingContextAttribute(request);
        String address = http == null ? "unknown" : LoginBrakeFilter.clientAddress(http);
        return context.runBlocking(() -> {
            char[] password = request.getPassword().getPassword();
            if (!ADMIN.equals(request.getUsername()) || !matches(password)) {
                Duration delay = brake.failed(address, request.getUsername());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new AuthenticationFailedException();
            }
            brake.succeeded(address, request.getUsername());
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(ADMIN))
                    .addRole(config.auth().operatorRole()).build();
        });
    }

    private boolean matches(char[] password) {
        ReembedConfig.Auth auth = config.auth();
        if (auth.adminPasswordHash().isPresent()) {
            if (verified.known(password, clock.instant())) {
                return true;
            }
            boolean matches = PasswordHash.verify(password, auth.adminPasswordHash().get());
            if (matches) {
                verified.remember(password, clock.instant());
            }
            return matches;
        }
        return auth.adminPassword().filter(expected -> !expected.isEmpty())
                .map(expected -> PasswordHash.constantTimeEquals(expected, new String(password))).orElse(false);
    }
}
