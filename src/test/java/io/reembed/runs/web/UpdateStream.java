package io.reembed.runs.web;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.restassured.RestAssured;

/** A run page's update stream read as a browser's EventSource would: its events, one at a time. */
public final class UpdateStream implements AutoCloseable {

    /** One server-sent event; {@code name} null marks the stream's end. */
    public record Event(String name, String data) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final HttpResponse<Stream<String>> response;

    public UpdateStream(String path) throws IOException, InterruptedException {
        response = open(path, "identity", HttpResponse.BodyHandlers.ofLines());
        Thread reader = new Thread(this::read, "update-stream-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** The stream as a browser that accepts {@code encoding} gets it, unread. */
    public static <T> HttpResponse<T> open(String path, String encoding, HttpResponse.BodyHandler<T> body)
            throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + RestAssured.port + path))
                .header("Accept", "text/event-stream").header("Accept-Encoding", encoding).build(), body);
    }

    public int status() {
        return response.statusCode();
    }

    public String contentType() {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private void read() {
        String name = "message";
        StringBuilder data = new StringBuilder();
        try {
            for (String line : (Iterable<String>) response.body()::iterator) {
                if (line.isEmpty()) {
                    if (!data.isEmpty()) {
                        events.add(new Event(name, data.toString()));
                    }
                    name = "message";
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    name = line.substring("event:".length()).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring("data:".length()).stripLeading());
                }
            }
        } catch (RuntimeException e) {
            // Closed by the test.
        }
        events.add(new Event(null, null));
    }

    /** The next event within {@code timeout}; null if none came. */
    public Event next(Duration timeout) throws InterruptedException {
        return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        response.body().close();
    }
}
