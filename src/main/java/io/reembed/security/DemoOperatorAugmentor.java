package io.reembed.security;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.reembed.config.ReembedConfig;
import io.reembed.web.Operator;
import io.smallrye.mutiny.Uni;

/**
 * The demo has no login (it listens on the loopback only and launches nothing real): whoever uses
 * it is the demo's operator, so the same role checks guard every mode.
 */
@ApplicationScoped
public class DemoOperatorAugmentor implements SecurityIdentityAugmentor {

    private final ReembedConfig config;

    public DemoOperatorAugmentor(ReembedConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (config.mode() != ReembedConfig.Mode.DEMO || !identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).setAnonymous(false)
                .setPrincipal(new QuarkusPrincipal(Operator.DEMO_OPERATOR))
                .addRole(config.auth().operatorRole()).addRole(config.auth().viewerRole()).build());
    }
}
