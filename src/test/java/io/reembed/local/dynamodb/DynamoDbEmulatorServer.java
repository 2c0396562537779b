package io.reembed.local.dynamodb;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The DynamoDB emulator on a loopback port of its own, for tests that stand it in for a real
 * account's DynamoDB (the console under test in aws mode, the conformance suite).
 */
public final class DynamoDbEmulatorServer implements AutoCloseable {

    private final DynamoDbEmulator emulator;
    private final HttpServer server;

    private DynamoDbEmulatorServer(DynamoDbEmulator emulator, HttpServer server) {
        this.emulator = emulator;
        this.server = server;
    }

    public static DynamoDbEmulatorServer start() {
        DynamoDbEmulator emulator = new DynamoDbEmulator(new ObjectMapper(), "us-east-1", "123456789012",
                Optional.empty(), Clock.systemUTC());
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                DynamoDbEmulator.Answer answer = emulator.call(exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                        new String(body, StandardCharsets.UTF_8), io.reembed.aws.ConsoleClient.VALUE.equals(
                                exchange.getRequestHeaders().getFirst(io.reembed.aws.ConsoleClient.HEADER)));
                byte[] out = answer.body().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", DynamoDbEmulator.CONTENT_TYPE);
                exchange.getResponseHeaders().add("x-amz-crc32", Long.toString(DynamoDbEmulatorRoute.crc32(out)));
                exchange.sendResponseHeaders(answer.status(), out.length);
                try (OutputStream response = exchange.getResponseBody()) {
                    response.write(out);
                }
            });
            server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
                Thread thread = new Thread(runnable, "dynamodb-emulator-server");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return new DynamoDbEmulatorServer(emulator, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public DynamoDbEmulator emulator() {
        return emulator;
    }

    /** An SDK client for this server, over HTTP. */
    public DynamoDbClient client() {
        return DynamoDbClient.builder().endpointOverride(endpoint()).region(Region.US_EAST_1)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
    }

    /** Stops answering: the port is closed, as when DynamoDB cannot be reached. */
    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
        emulator.close();
    }
}
