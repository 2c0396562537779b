package io.reembed.security;

/**
 * The two roles, as {@code @RolesAllowed} takes them: their names come from configuration
 * ({@code reembed.auth.viewer-role}, {@code reembed.auth.operator-role}), OIDC groups in practice.
 */
public final class Roles {

    /** May look at bots and runs. */
    public static final String VIEWER = "${reembed.auth.viewer-role}";
    /** May also launch, cancel and retry. */
    public static final String OPERATOR = "${reembed.auth.operator-role}";

    private Roles() {
    }
}
