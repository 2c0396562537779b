package io.reembed.security;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.reembed.config.ReembedConfig;
import io.smallrye.mutiny.Uni;

/**
 * An OIDC token must have been issued to this console: a user pool serves many apps, and a token
 * one of them obtained must not open this one, whatever groups its user has. Its {@code aud},
 * {@code azp} or {@code client_id} (Cognito's access tokens carry no {@code aud}) must name one of
 * {@code reembed.auth.token-audiences}, by default the console's own client id.
 */
@ApplicationScoped
public class TokenAudienceCheck implements SecurityIdentityAugmentor {

    private final ReembedConfig config;

    public TokenAudienceCheck(ReembedConfig config) {
        this.config = config;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (!(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        Set<String> meant = new HashSet<>();
        if (token.getAudience() != null) {
            meant.addAll(token.getAudience());
        }
        for (String claim : List.of("azp", "client_id")) {
            Object value = token.getClaim(claim);
            if (value instanceof JsonString text) {
                meant.add(text.getString());
            } else if (value != null) {
                meant.add(value.toString());
            }
        }
        if (meant.stream().noneMatch(accepted()::contains)) {
            return Uni.createFrom().failure(new AuthenticationFailedException(
                    "The token was issued to another application"));
        }
        return Uni.createFrom().item(identity);
    }

    private List<String> accepted() {
        return config.auth().tokenAudiences().orElseGet(() -> ConfigProvider.getConfig()
                .getOptionalValue("quarkus.oidc.client-id", String.class).map(List::of).orElse(List.of()));
    }
}
