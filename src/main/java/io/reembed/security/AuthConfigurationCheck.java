package io.reembed.security;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.reembed.config.ReembedConfig;

/**
 * Outside the demo the console starts paid tasks in a production account: it refuses to start
 * without a way to log in, and there is no default password.
 */
@ApplicationScoped
public class AuthConfigurationCheck {

    public static final String MISSING_LOGIN = "Re-embed Console refuses to start in aws mode without a login. "
            + "Set REEMBED_ADMIN_PASSWORD (or reembed.auth.admin-password-hash) for the built-in user 'admin', "
            + "or configure OpenID Connect (QUARKUS_OIDC_TENANT_ENABLED=true, QUARKUS_OIDC_AUTH_SERVER_URL, "
            + "QUARKUS_OIDC_CLIENT_ID, QUARKUS_OIDC_CREDENTIALS_SECRET). See docs/security.md.";

    public static final String REMOTE_DEMO = "The demo has no login, so it listens on the loopback only, and "
            + "quarkus.http.host is %s. Set REEMBED_DEMO_ALLOW_REMOTE=true to serve it there anyway (in a container, "
            + "publish it on 127.0.0.1 only: docker run -p 127.0.0.1:8080:8080 ...). Refusing to start.";

    void check(@Observes @Priority(1) StartupEvent event, ReembedConfig config) {
        String host = ConfigProvider.getConfig().getOptionalValue("quarkus.http.host", String.class).orElse("0.0.0.0");
        remoteDemo(config, host).or(() -> problem(config, oidcEnabled())).ifPresent(message -> {
            // Quarkus prints a configuration error's message alone, not a stack trace around it.
            throw new ConfigurationException(message);
        });
    }

    /** A demo asked to listen beyond the loopback without saying it means to. */
    public static Optional<String> remoteDemo(ReembedConfig config, String httpHost) {
        if (config.mode() != ReembedConfig.Mode.DEMO || config.demo().allowRemote()) {
            return Optional.empty();
        }
        String host = httpHost.trim().toLowerCase(java.util.Locale.ROOT);
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("::1")
                || host.equals("[::1]");
        return loopback ? Optional.empty() : Optional.of(String.format(REMOTE_DEMO, httpHost));
    }

    /** Why the configuration cannot start, if it cannot. */
    public static Optional<String> problem(ReembedConfig config, boolean oidcEnabled) {
        if (config.mode() == ReembedConfig.Mode.DEMO) {
            return Optional.empty();
        }
        ReembedConfig.Auth auth = config.auth();
        if (auth.adminPasswordHash().isPresent() && !PasswordHash.wellFormed(auth.adminPasswordHash().get())) {
            return Optional.of("reembed.auth.admin-password-hash is not a hash made by io.reembed.security.PasswordHash "
                    + "(pbkdf2-sha256:<iterations>:<salt>:<hash>). Refusing to start.");
        }
        boolean admin = auth.adminPasswordHash().isPresent() || auth.adminPassword().filter(p -> !p.isBlank()).isPresent();
        return admin || oidcEnabled ? Optional.empty() : Optional.of(MISSING_LOGIN);
    }

    private static boolean oidcEnabled() {
        var config = ConfigProvider.getConfig();
        return config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false)
                && config.getOptionalValue("quarkus.oidc.auth-server-url", String.class).isPresent();
    }
}
