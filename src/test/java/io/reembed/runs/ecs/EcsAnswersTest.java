package io.reembed.runs.ecs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.engine.LaunchOutcome;
import io.reembed.runs.engine.StopOutcome;
import io.reembed.runs.engine.TaskLaunch;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecs.model.ConflictException;
import software.amazon.awssdk.services.ecs.model.EcsException;
import software.amazon.awssdk.services.ecs.model.Failure;
import software.amazon.awssdk.services.ecs.model.RunTaskRequest;
import software.amazon.awssdk.services.ecs.model.RunTaskResponse;
import software.amazon.awssdk.services.ecs.model.Task;

/** The reference procedure's RunTask, and ECS's answers and errors read in the engine's terms. */
class EcsAnswersTest {

    private static final EcsLaunchSettings ECS = new EcsLaunchSettings("cluster", "family:3", "Container",
            List.of("subnet-1"), List.of("sg-1"), "DISABLED", "123456789012", "us-east-1");

    @Test
    void keysWithQuotesBackslashesControlCharactersAndUnicodeReadBackAsTheyWere() throws Exception {
        String pk = "user \"quoted\" \\ back\\slash";
        String sk = pk + "#BOT#tab\there\nline\u0001ctl ąę 社内";

        JsonNode keys = new ObjectMapper().readTree(EcsAnswers.keysArgument(pk, sk));
        assertEquals(pk, keys.path("PK").path("S").asText());
        assertEquals(sk, keys.path("SK").path("S").asText());
        List<String> names = new java.util.ArrayList<>();
        keys.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("PK", "SK"), names);
    }

    @Test
    void theRequestIsTheReferenceProceduresWithAToken() {
        RunTaskRequest request = EcsAnswers.request(new TaskLaunch(ECS, "r-1", "B1", "u1", "u1#BOT#B1", "token-1"));
        assertEquals("FARGATE", request.launchTypeAsString());
        assertEquals("token-1", request.clientToken());
        assertEquals("r-1", request.startedBy());
        assertEquals(List.of("-u", "embedding/main.py", "{\"PK\":{\"S\":\"u1\"},\"SK\":{\"S\":\"u1#BOT#B1\"}}"),
                request.overrides().containerOverrides().get(0).command());
        assertEquals("Container", request.overrides().containerOverrides().get(0).name());
    }

    private static EcsException error(int status, String code) {
        return (EcsException) EcsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("no").build()).build();
    }

    @Test
    void everyAnswerOfRunTaskHasItsOutcome() {
        assertEquals(new LaunchOutcome.Started("arn:t/1", "PROVISIONING"), EcsAnswers.launch(() -> RunTaskResponse.builder()
                .tasks(Task.builder().taskArn("arn:t/1").lastStatus("PROVISIONING").build()).build()));
        assertEquals(new LaunchOutcome.NoCapacity("You've reached the limit on the number of vCPUs you can run concurrently"),
                EcsAnswers.launch(() -> RunTaskResponse.builder().failures(Failure.builder()
                        .reason("You've reached the limit on the number of vCPUs you can run concurrently").build()).build()));
        assertInstanceOf(LaunchOutcome.Refused.class, EcsAnswers.launch(() -> RunTaskResponse.builder()
                .failures(Failure.builder().reason("INACTIVE").build()).build()));
        assertEquals(new LaunchOutcome.Started("arn:t/2", null), EcsAnswers.launch(() -> {
            throw ConflictException.builder().resourceIds("arn:t/2").statusCode(400).build();
        }), "a token used before: the task it started is ours");
        assertEquals(new LaunchOutcome.Throttled("ThrottlingException: no"), EcsAnswers.launch(() -> {
            throw error(400, "ThrottlingException");
        }));
        assertInstanceOf(LaunchOutcome.Throttled.class, EcsAnswers.launch(() -> {
            throw error(503, "ServerException");
        }));
        assertEquals(new LaunchOutcome.Refused("ECS refused the launch: AccessDeniedException: no"), EcsAnswers.launch(() -> {
            throw error(400, "AccessDeniedException");
        }));
        assertEquals(new LaunchOutcome.Unanswered("Read timed out"), EcsAnswers.launch(() -> {
            throw SdkClientException.create("Read timed out");
        }));
    }

    @Test
    void stopTaskIsSentAgainOnlyWhenThatCanHelp() {
        assertInstanceOf(StopOutcome.Sent.class, EcsAnswers.stop(() -> { }));
        assertInstanceOf(StopOutcome.Again.class, EcsAnswers.stop(() -> {
            throw error(400, "ThrottlingException");
        }));
        assertInstanceOf(StopOutcome.Again.class, EcsAnswers.stop(() -> {
            throw SdkClientException.create("Connection reset");
        }));
        assertInstanceOf(StopOutcome.Refused.class, EcsAnswers.stop(() -> {
            throw error(400, "InvalidParameterException");
        }));
    }
}
