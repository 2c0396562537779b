package io.reembed.security;

import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;

/** The anti-CSRF token a state-changing form or htmx request carries. */
public class CsrfProof {

    @FormParam(CsrfTokens.FIELD)
    String form;

    @HeaderParam(CsrfTokens.HEADER)
    String header;

    public boolean acceptedBy(CsrfTokens tokens) {
        return tokens.accepts(form, header);
    }
}
