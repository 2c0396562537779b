package io.reembed.ops;

import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The OpenAPI document describes the JSON API only (the pages are for browsers), and every
 * operation's error answers: {@code {"error": "..."}} with the status that says which kind.
 */
public class ApiOnlyOpenApiFilter implements OASFilter {

    private static final String ERROR_SCHEMA = "Error";
    private static final Map<String, String> ERRORS = Map.of(
            "400", "A body, parameter or value the console does not accept (named in the message); nothing was changed",
            "401", "Not logged in",
            "403", "Logged in without the operator role, or a request from another site",
            "404", "No such run, or a bot not in it",
            "409", "Not possible in the run's state, or a preflight check is red (with \"checks\")",
            "503", "DynamoDB, the stack's settings or the run engine are not available");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().keySet().stream().filter(path -> !path.startsWith("/api/")).toList()
                .forEach(openAPI.getPaths()::removePathItem);
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(ERROR_SCHEMA, OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.OBJECT))
                .addProperty("error", OASFactory.createSchema().type(java.util.List.of(Schema.SchemaType.STRING))
                        .description("What was wrong, in words; nothing was changed"))
                .addRequired("error"));
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : item.getOperations().values()) {
                ERRORS.forEach((status, description) -> {
                    if (operation.getResponses() == null) {
                        operation.setResponses(OASFactory.createAPIResponses());
                    }
                    if (!operation.getResponses().hasAPIResponse(status)) {
                        operation.getResponses().addAPIResponse(status, OASFactory.createAPIResponse()
                                .description(description).content(OASFactory.createContent().addMediaType(
                                        "application/json", OASFactory.createMediaType().schema(
                                                OASFactory.createSchema().ref(ERROR_SCHEMA)))));
                    }
                });
            }
        }
    }
}
