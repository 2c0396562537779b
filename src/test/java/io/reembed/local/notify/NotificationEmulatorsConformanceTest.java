package io.reembed.local.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.dynamodb.MotoServer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.sns.SnsClient;

/**
 * The demo's EventBridge and SNS answer the calls the console makes as moto_server (an independent
 * implementation) does: the same successes, the same error codes and statuses. Without moto_server
 * the emulators' own expected answers are still checked.
 */
@QuarkusTest
class NotificationEmulatorsConformanceTest {

    private static final String BUS = DemoModeConfigSourceFactory.DEMO_EVENT_BUS;
    private static final String TOPIC = DemoModeConfigSourceFactory.DEMO_TOPIC_ARN;

    @Inject
    EventBridgeClient events;

    @Inject
    SnsClient sns;

    private final List<String> differences = new ArrayList<>();

    @Test
    void eventBridgeAndSnsAnswerAsAnIndependentImplementation() throws Exception {
        Optional<Path> moto = MotoServer.executable();
        try (MotoServer server = moto.isPresent() ? MotoServer.start(moto.get()) : null) {
            EventBridgeClient theirEvents = server == null ? null : EventBridgeClient.builder()
                    .endpointOverride(server.endpoint()).region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
            SnsClient theirSns = server == null ? null : SnsClient.builder().endpointOverride(server.endpoint())
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build();
            if (theirEvents != null) {
                theirEvents.createEventBus(b -> b.name(BUS));
                assertEquals(TOPIC, theirSns.createTopic(b -> b.name("reembed-demo")).topicArn(), "moto's default account");
            }
            PutEventsRequestEntry entry = PutEventsRequestEntry.builder().eventBusName(BUS).source("reembed.console")
                    .detailType("Re-embed Run State Change").detail("{\"id\":\"conformance\",\"type\":\"started\"}").build();
            same("PutEvents", events, theirEvents, c -> {
                var answer = c.putEvents(b -> b.entries(entry));
                return answer.failedEntryCount() + " failed, " + answer.entries().size() + " entry, id "
                        + (answer.entries().get(0).eventId() != null);
            }, "0 failed, 1 entry, id true");
            same("PutEvents by the bus's ARN", events, theirEvents, c -> c.putEvents(b -> b.entries(entry.toBuilder()
                    .eventBusName("arn:aws:events:us-east-1:123456789012:event-bus/" + BUS).build())).failedEntryCount(), 0);
            same("DescribeEventBus", events, theirEvents, c -> c.describeEventBus(b -> b.name(BUS)).arn(),
                    "arn:aws:events:us-east-1:123456789012:event-bus/" + BUS);
            same("DescribeEventBus of a bus that does not exist", events, theirEvents,
                    c -> c.describeEventBus(b -> b.name("no-such-bus")), "400 ResourceNotFoundException");

            same("Publish", sns, theirSns, c -> c.publish(b -> b.topicArn(TOPIC).subject("Re-embed run r-1 finished")
                    .message("Run r-1 finished.").messageAttributes(Map.of("runId",
                            software.amazon.awssdk.services.sns.model.MessageAttributeValue.builder().dataType("String")
                                    .stringValue("r-1").build()))).messageId() != null, true);
            same("Publish to a topic that does not exist", sns, theirSns, c -> c.publish(b -> b.topicArn(TOPIC + "-gone")
                    .message("x")), "404 NotFound");
            same("Publish a subject over 100 characters", sns, theirSns, c -> c.publish(b -> b.topicArn(TOPIC)
                    .subject("s".repeat(101)).message("x")), "400 InvalidParameter");
            same("GetTopicAttributes", sns, theirSns, c -> c.getTopicAttributes(b -> b.topicArn(TOPIC)).attributes()
                    .get("TopicArn"), TOPIC);
            same("GetTopicAttributes of a topic that does not exist", sns, theirSns,
                    c -> c.getTopicAttributes(b -> b.topicArn(TOPIC + "-gone")), "404 NotFound");
            if (theirEvents != null) {
                theirEvents.close();
                theirSns.close();
            } else {
                System.out.println("moto_server is not installed here: the comparison is skipped");
            }
        }
        assertTrue(differences.isEmpty(), "answers that differ:\n" + String.join("\n", differences));
    }

    /** The call's answer on the emulator is the expected one, and moto's (when there) is the same. */
    private <C> void same(String step, C ours, C theirs, Function<C, Object> call, Object expected) {
        Object mine = answer(ours, call);
        if (!expected.equals(mine)) {
            differences.add(step + ": the emulator answered " + mine + ", expected " + expected);
        }
        if (theirs != null) {
            Object moto = answer(theirs, call);
            if (!expected.equals(moto)) {
                differences.add(step + ": moto_server answered " + moto + ", the emulator " + mine);
            }
        }
    }

    private static <C> Object answer(C client, Function<C, Object> call) {
        try {
            Object answer = call.apply(client);
            assertNotNull(answer);
            return answer instanceof String || answer instanceof Boolean || answer instanceof Integer ? answer : "ok";
        } catch (AwsServiceException e) {
            return e.statusCode() + " " + e.awsErrorDetails().errorCode();
        }
    }
}
