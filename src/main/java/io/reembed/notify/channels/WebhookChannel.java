package io.reembed.notify.channels;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.notify.Channel;
import io.reembed.notify.DeliveryException;
import io.reembed.notify.RunEvent;

/**
 * POST of the event as JSON: a Slack-compatible {@code text} and the structured {@code event} beside
 * it, signed (see {@link WebhookSignature}), the event id in {@code X-Reembed-Event-Id} for the receiver
 * to drop a delivery it already had. 5 s to answer; redirects are not followed.
 */
final class WebhookChannel implements Channel {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final URI url;
    private final Optional<String> secret;
    private final WebhookTarget rules;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT).build();

    WebhookChannel(URI url, Optional<String> secret, WebhookTarget rules, ObjectMapper json) {
        this.url = url;
        this.secret = secret;
        this.rules = rules;
        this.json = json;
    }

    @Override
    public String name() {
        return "webhook";
    }

    @Override
    public String target() {
        // The query may carry a token: not shown.
        return url.getScheme() + "://" + url.getRawAuthority() + (url.getRawPath() == null ? "" : url.getRawPath())
                + (secret.isPresent() ? ", signed" : ", unsigned");
    }

    @Override
    public State check() {
        try {
            return rules.problem(url).map(problem -> new State(name(), "problem", "refused: " + problem))
                    .orElse(new State(name(), "ready", target()));
        } catch (WebhookTarget.Unresolved e) {
            return new State(name(), "problem", e.getMessage());
        }
    }

    @Override
    public void send(RunEvent event) throws DeliveryException {
        try {
            Optional<String> refused = rules.problem(url);
            if (refused.isPresent()) {
                throw new DeliveryException(refused.get(), false);
            }
        } catch (WebhookTarget.Unresolved e) {
            throw new DeliveryException(e.getMessage(), true);
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("text", event.text());
        payload.put("event", event.fields());
        String body;
        try {
            body = json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new DeliveryException("the event could not be written as JSON: " + e.getMessage(), false);
        }
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8").header("User-Agent", "reembed-console")
                .header(WebhookSignature.EVENT_ID, event.id())
                .header(WebhookSignature.TIMESTAMP, Long.toString(timestamp))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        secret.ifPresent(key -> request.header(WebhookSignature.SIGNATURE, WebhookSignature.sign(key, timestamp, body)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException("no answer: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException("interrupted", true);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return;
        }
        String answer = status + " " + firstLine(response.body());
        if (status >= 300 && status < 400) {
            throw new DeliveryException(answer + " redirects to " + response.headers().firstValue("Location").orElse("?")
                    + ", which is not followed", false);
        }
        throw new DeliveryException(answer, status == 429 || status >= 500);
    }

    private static String firstLine(String body) {
        String line = body == null ? "" : body.lines().findFirst().orElse("").trim();
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }
}
