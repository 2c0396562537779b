package io.reembed.local;

import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A demo emulator's route for an AWS JSON 1.1 service: POST with that content type only; anything
 * else at the path (a cross-site form can send only a few types) is refused with 415 before the
 * emulator sees it. Emulators are blocking code, so their handler runs off the event loop.
 */
public final class Json11Route {

    public static final String CONTENT_TYPE = "application/x-amz-json-1.1";

    private Json11Route() {
    }

    public static void register(Router router, String path, long maxBody, Handler<RoutingContext> handler) {
        router.post(path).consumes(CONTENT_TYPE).handler(BodyHandler.create().setBodyLimit(maxBody))
                .blockingHandler(handler, false);
        router.route(path).handler(context -> context.response().setStatusCode(415)
                .putHeader("Content-Type", "text/plain; charset=utf-8").end("POST " + CONTENT_TYPE + " only.\n"));
    }
}
