package io.reembed.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;

/**
 * Anti-CSRF tokens: a random value signed with a per-process key, kept in a SameSite=Strict,
 * HttpOnly cookie and repeated in every form (field {@code csrf}) or htmx request (header
 * {@code X-CSRF-Token}). A state-changing request must present the same, validly signed value.
 * Templates read it as {@code {inject:csrf.token}}.
 */
@RequestScoped
@Named("csrf")
public class CsrfTokens {

    public static final String COOKIE = "reembed-csrf";
    public static final String FIELD = "csrf";
    public static final String HEADER = "X-CSRF-Token";
    private static final byte[] KEY = randomBytes(32);
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

    private final RoutingContext request;
    private String token;

    public CsrfTokens(RoutingContext request) {
        this.request = request;
    }

    /** This browser's token; issued (and its cookie set) on first use. */
    public String token() {
        if (token == null) {
            Cookie cookie = request.request().getCookie(COOKIE);
            if (cookie != null && signed(cookie.getValue())) {
                token = cookie.getValue();
            } else {
                String value = BASE64.encodeToString(randomBytes(24));
                token = value + "." + sign(value);
                request.response().addCookie(Cookie.cookie(COOKIE, token).setPath("/").setHttpOnly(true)
                        .setSameSite(CookieSameSite.STRICT));
            }
        }
        return token;
    }

    /** True when the presented token is ours and matches this browser's cookie. */
    public boolean accepts(String formToken, String headerToken) {
        String presented = formToken != null && !formToken.isBlank() ? formToken : headerToken;
        Cookie cookie = request.request().getCookie(COOKIE);
        return presented != null && cookie != null && signed(presented)
                && PasswordHash.constantTimeEquals(presented, cookie.getValue());
    }

    private static boolean signed(String token) {
        int dot = token.lastIndexOf('.');
        return dot > 0 && PasswordHash.constantTimeEquals(token.substring(dot + 1), sign(token.substring(0, dot)));
    }

    private static String sign(String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return BASE64.encodeToString(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
