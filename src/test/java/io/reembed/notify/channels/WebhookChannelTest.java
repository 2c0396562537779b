package io.reembed.notify.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import io.reembed.notify.DeliveryException;
import io.reembed.notify.RunEvent;

/** The webhook against a receiver on the loopback: what it sends, and which failures are worth another try. */
@Execution(ExecutionMode.CONCURRENT)
class WebhookChannelTest {

    private static final RunEvent EVENT = new RunEvent("r1.3", "finished", "r1", 3, Instant.parse("2026-12-02T07:00:00Z"),
            null, null, "finished, all succeeded in 4 min 10 s", null, 2, "123456789012", "us-east-1", "BedrockChatStack",
            null);

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> signatures = new CopyOnWriteArrayList<>();

    @BeforeEach
    void receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            bodies.add(body);
            signatures.add(exchange.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP) + " "
                    + exchange.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE) + " "
                    + exchange.getRequestHeaders().getFirst(WebhookSignature.EVENT_ID));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(7_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data/");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> status(exchange, 503));
        server.createContext("/gone", exchange -> status(exchange, 404));
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void postsTheEventSignedWithItsIdAndTheSlackText() throws Exception {
        channel("/ok", Optional.of("s3cret")).send(EVENT);
        var posted = new ObjectMapper().readTree(bodies.get(0));
        assertEquals(EVENT.text(), posted.path("text").asText());
        assertEquals("r1.3", posted.path("event").path("id").asText());
        String[] headers = signatures.get(0).split(" ");
        assertEquals("r1.3", headers[2]);
        assertEquals(Optional.empty(), WebhookSignature.problem("s3cret", headers[0], headers[1], bodies.get(0),
                Instant.ofEpochSecond(Long.parseLong(headers[0]))));
    }

    @Test
    void aTimeoutADeadEndpointAnd5xxAreTriedAgainA4xxAndARedirectAreNot() throws Exception {
        DeliveryException slow = assertThrows(DeliveryException.class, () -> channel("/slow", Optional.empty()).send(EVENT));
        assertTrue(slow.retryable() && slow.getMessage().contains("Timeout"), slow.getMessage());
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        DeliveryException dead = assertThrows(DeliveryException.class, () -> new WebhookChannel(
                URI.create("http://127.0.0.1:" + closed + "/hook"), Optional.empty(), new WebhookTarget(false, true),
                new ObjectMapper()).send(EVENT));
        assertTrue(dead.retryable(), dead.getMessage());
        assertTrue(assertThrows(DeliveryException.class, () -> channel("/broken", Optional.empty()).send(EVENT)).retryable());
        assertFalse(assertThrows(DeliveryException.class, () -> channel("/gone", Optional.empty()).send(EVENT)).retryable());
        DeliveryException moved = assertThrows(DeliveryException.class, () -> channel("/moved", Optional.empty()).send(EVENT));
        assertFalse(moved.retryable());
        assertTrue(moved.getMessage().contains("not followed"), moved.getMessage());
    }

    @Test
    void aUrlToThePrivateNetworkIsRefusedBeforeAnythingIsSent() {
        DeliveryException refused = assertThrows(DeliveryException.class, () -> new WebhookChannel(
                URI.create("https://10.1.2.3/hook"), Optional.empty(), new WebhookTarget(false, false), new ObjectMapper())
                .send(EVENT));
        assertFalse(refused.retryable());
        assertTrue(refused.getMessage().contains("webhook-allow-private"), refused.getMessage());
    }

    private WebhookChannel channel(String path, Optional<String> secret) {
        // The demo's rule: http to the loopback only.
        return new WebhookChannel(URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path), secret,
                new WebhookTarget(false, true), new ObjectMapper());
    }

    private static void status(com.sun.net.httpserver.HttpExchange exchange, int status) throws IOException {
        byte[] body = "nope".getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
