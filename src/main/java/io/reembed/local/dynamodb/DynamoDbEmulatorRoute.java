package io.reembed.local.dynamodb;

import java.util.zip.CRC32;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reembed.aws.ConsoleClient;
import io.reembed.config.ReembedConfig;
import io.reembed.local.Json11Route;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;

/**
 * DynamoDB's JSON 1.0 protocol at /local/dynamodb on the console's own port, demo mode only:
 * in aws mode the path does not exist.
 */
@ApplicationScoped
public class DynamoDbEmulatorRoute {

    public static final String PATH = "/local/dynamodb";
    /** BatchWriteItem may carry 25 items of 400 KB. */
    private static final long MAX_BODY = 16L * 1024 * 1024;

    private final DemoDynamoDb dynamo;

    public DynamoDbEmulatorRoute(DemoDynamoDb dynamo) {
        this.dynamo = dynamo;
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        Json11Route.register(router, PATH, MAX_BODY, DynamoDbEmulator.CONTENT_TYPE, context -> {
            DynamoDbEmulator.Answer answer = dynamo.emulator().call(context.request().getHeader("X-Amz-Target"),
                    context.body().asString(), ConsoleClient.VALUE.equals(context.request().getHeader(ConsoleClient.HEADER)));
            Buffer body = Buffer.buffer(answer.body());
            context.response().setStatusCode(answer.status())
                    .putHeader("Content-Type", DynamoDbEmulator.CONTENT_TYPE)
                    .putHeader("x-amz-crc32", Long.toString(crc32(body.getBytes())))
                    .end(body);
        });
    }

    /** DynamoDB signs every answer with its CRC32, which the SDK checks. */
    static long crc32(byte[] body) {
        CRC32 crc = new CRC32();
        crc.update(body);
        return crc.getValue();
    }
}
