package io.reembed.web;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** The page shown when a request was refused: what happened, in words, and that nothing was changed. */
public final class ErrorPages {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance problem(PageHeader header, String title, String message);
    }

    private ErrorPages() {
    }

    public static Response response(int status, PageHeader header, String title, String message) {
        return Response.status(status).entity(Templates.problem(header, title, message)).type(MediaType.TEXT_HTML_TYPE)
                .build();
    }
}
