package io.reembed.notify.delivery;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.ecs.EcsEmulator;
import io.reembed.local.notify.LocalNotifications;
import io.reembed.notify.channels.WebhookSignature;
import io.reembed.notify.delivery.Notifier;
import io.reembed.runs.RunTestSupport;
import io.reembed.testing.Json;
import io.restassured.path.json.JsonPath;

/**
 * Run events reach the demo's EventBridge, SNS topic and webhook receiver, each exactly once, also
 * when a channel fails for a while and when the copy that should deliver them stopped first.
 */
@QuarkusTest
class NotificationsTest {

    private static final List<String> CHANNELS = List.of("eventbridge", "sns", "webhook");

    @Inject
    LocalNotifications received;

    @Inject
    Notifier notifier;

    @Inject
    EcsEmulator emulator;

    @Inject
    ReembedConfig config;

    @AfterEach
    void deliverAgain() {
        notifier.start();
    }

    @Test
    void aRunsStartAndEndReachEveryChannelOnce() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        String id = RunTestSupport.startWithoutBrake(RunTestSupport.botsWithKnowledge(bot -> true).subList(0, 2));
        RunTestSupport.awaitEnd(id);
        JsonPath events = awaitDelivered(id);
        assertEquals(List.of("started", "finished"), events.getList("events.event.type"));
        List<String> ids = events.getList("events.event.id");
        for (String channel : CHANNELS) {
            assertEquals(ids, idsReceived(channel, id), channel + " had the start and the end, once each");
        }
        String finished = events.getString("events[1].event.text");
        assertTrue(finished.startsWith("Run " + id + " finished") && finished.contains("2 succeeded")
                && finished.endsWith("/runs/" + id), finished);
        // What a person reads: the SNS subject and message, the webhook's Slack-compatible text.
        LocalNotifications.Received mail = received.received("sns").stream()
                .filter(message -> ids.get(1).equals(message.eventId())).findFirst().orElseThrow();
        assertEquals("Re-embed run " + id + " finished", mail.title());
        assertTrue(mail.body().contains("eventType=finished") && mail.body().contains("runId=" + id), mail.body());
        LocalNotifications.Received posted = received.received("webhook").stream()
                .filter(message -> ids.get(1).equals(message.eventId())).findFirst().orElseThrow();
        JsonPath body = JsonPath.from(posted.body());
        assertEquals(finished, body.getString("text"));
        assertEquals("123456789012", body.getString("event.account"));
        assertEquals(2, body.getInt("event.tally.succeeded"));
        given().header("HX-Request", "true").when().get("/runs/" + id + "/notifications").then().statusCode(200)
                .body(containsString("delivered ")).body(containsString("finished"));
        given().when().get("/local/notifications").then().statusCode(200).body(containsString(ids.get(1)));
        // A forged run id: the page and the API say there is no such run.
        given().when().get("/api/runs/r-forged/events").then().statusCode(404).body("error", containsString("r-forged"));
        given().header("HX-Request", "true").when().get("/runs/r-forged/notifications").then().statusCode(404);
    }

    @Test
    void aChannelThatFailsForAWhileGetsEachEventOnceItRecovers() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        received.failNext("eventbridge", 400, 500, 500);
        received.failNext("sns", 503);
        received.failNext("webhook", 500, 429);
        String id = RunTestSupport.startWithoutBrake(RunTestSupport.botsWithKnowledge(bot -> true).subList(2, 4));
        JsonPath run = RunTestSupport.awaitEnd(id);
        assertEquals("FINISHED", run.getString("state"), "the run went on as without notifications");
        List<String> ids = awaitDelivered(id).getList("events.event.id");
        for (String channel : CHANNELS) {
            assertEquals(ids, idsReceived(channel, id), channel);
        }
        String metrics = given().port(io.reembed.ops.ManagementPort.inTests()).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
        assertTrue(metrics.contains("reembed_notifications_total{channel=\"eventbridge\",outcome=\"retrying\"}"), metrics);
    }

    /** A copy killed after a run ended and before its events went out: the copy that drives next sends them, once. */
    @Test
    void eventsWrittenBeforeADeliveringCopyStoppedAreDeliveredOnceAfterwards() {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        notifier.stop();
        String id = RunTestSupport.startWithoutBrake(RunTestSupport.botsWithKnowledge(bot -> true).subList(4, 5));
        RunTestSupport.awaitEnd(id);
        for (String channel : CHANNELS) {
            assertEquals(List.of(), idsReceived(channel, id), channel + " had nothing yet");
        }
        notifier.start();
        List<String> ids = awaitDelivered(id).getList("events.event.id");
        for (String channel : CHANNELS) {
            assertEquals(ids, idsReceived(channel, id), channel);
        }
    }

    @Test
    void aTestEventFromSettingsReachesEveryChannelAndSettingsSaysSo() {
        int before = received.received().size();
        io.reembed.web.BrowserSession browser = io.reembed.web.BrowserSession.open();
        browser.form().redirects().follow(false).when().post("/settings/test-event").then().statusCode(303);
        given().when().get("/settings").then().statusCode(200)
                .body(containsString("eventbridge: delivered; sns: delivered; webhook: delivered"))
                .body(containsString("topic arn:aws:sns:us-east-1:123456789012:reembed-demo"));
        List<LocalNotifications.Received> sent = received.received().subList(before, received.received().size());
        assertEquals(List.of("eventbridge", "sns", "webhook"), sent.stream().map(LocalNotifications.Received::channel)
                .filter(CHANNELS::contains).sorted().toList());
        assertTrue(sent.stream().allMatch(message -> message.eventId().startsWith("test-")), sent.toString());
        // Without the form's token nothing is sent.
        given().contentType("application/x-www-form-urlencoded").redirects().follow(false).when()
                .post("/settings/test-event").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
        assertEquals(before + 3, received.received().size());
    }

    @Test
    void theReceiverRefusesAForgedOrReplayedPost() {
        String body = "{\"text\":\"Run r-x finished.\",\"event\":{\"id\":\"r-x.9\"}}";
        long now = Instant.now().getEpochSecond();
        String secret = DemoModeConfigSourceFactory.DEMO_WEBHOOK_SECRET;
        given().contentType("application/json").header(WebhookSignature.TIMESTAMP, Long.toString(now))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign("a guess", now, body)).body(body)
                .when().post("/local/notifications/webhook").then().statusCode(401)
                .body(containsString("does not match"));
        long old = now - Duration.ofMinutes(10).toSeconds();
        given().contentType("application/json").header(WebhookSignature.TIMESTAMP, Long.toString(old))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, old, body)).body(body)
                .when().post("/local/notifications/webhook").then().statusCode(401).body(containsString("replay"));
        given().contentType("application/json").header(WebhookSignature.TIMESTAMP, Long.toString(now))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, now, body)).body(body.replace("r-x.9", "r-x.8"))
                .when().post("/local/notifications/webhook").then().statusCode(401);
        given().contentType("application/json").header(WebhookSignature.TIMESTAMP, Long.toString(now))
                .header(WebhookSignature.SIGNATURE, WebhookSignature.sign(secret, now, body)).body(body)
                .when().post("/local/notifications/webhook").then().statusCode(200).body(containsString("received"));
    }

    private JsonPath awaitDelivered(String id) {
        return Json.await("events of " + id + " delivered", Duration.ofSeconds(60), Duration.ofMillis(200),
                () -> given().when().get("/api/runs/" + id + "/events").then().statusCode(200).extract().asString(),
                events -> events.path("events").size() > 0
                        && Json.each(events, "/events").allMatch(event -> CHANNELS.stream()
                                .allMatch(channel -> "delivered".equals(Json.text(event, "/channels/" + channel + "/state"))))
                        && Json.texts(events, "/events", "/event/type").anyMatch("finished"::equals));
    }

    private List<String> idsReceived(String channel, String runId) {
        return received.received(channel).stream().map(LocalNotifications.Received::eventId)
                .filter(eventId -> eventId != null && eventId.startsWith(runId + ".")).toList();
    }
}
