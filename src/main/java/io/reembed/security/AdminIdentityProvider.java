package io.reembed.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.reembed.config.ReembedConfig;
import io.smallrye.mutiny.Uni;

/** The built-in single administrator {@code admin}, checked against REEMBED_ADMIN_PASSWORD or its hash. */
@ApplicationScoped
public class AdminIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    public static final String ADMIN = "admin";

    private final ReembedConfig config;

    public AdminIdentityProvider(ReembedConfig config) {
        this.config = config;
    }

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        return context.runBlocking(() -> {
            char[] password = request.getPassword().getPassword();
            if (!ADMIN.equals(request.getUsername()) || !matches(password)) {
                throw new AuthenticationFailedException();
            }
            return QuarkusSecurityIdentity.builder().setPrincipal(new QuarkusPrincipal(ADMIN))
                    .addRole(config.auth().operatorRole()).build();
        });
    }

    private boolean matches(char[] password) {
        ReembedConfig.Auth auth = config.auth();
        if (auth.adminPasswordHash().isPresent()) {
            return PasswordHash.verify(password, auth.adminPasswordHash().get());
        }
        return auth.adminPassword().filter(expected -> !expected.isEmpty())
                .map(expected -> PasswordHash.constantTimeEquals(expected, new String(password))).orElse(false);
    }
}
