package io.reembed.deploy;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.quarkus.test.junit.QuarkusTest;
import io.reembed.config.ReembedConfig;
import io.reembed.local.AwsCallLog;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.DemoAccount;
import io.reembed.preflight.Preflight;
import io.reembed.runs.RunTestSupport;
import io.reembed.runs.engine.EcsTasks;

/**
 * deploy/reembed-console.yaml holds what it promises (TLS, health checks, a retained runs table,
 * two copies, ports closed to all but the load balancer and the VPC), and its task role is the least
 * privilege proven from what the console calls: the demo's emulators record every AWS action the
 * console's own clients call, with the resource it names, during this test (and any test before it
 * in this JVM); every such call must be allowed by the role on its resource, and every action the
 * role allows must be one the console calls, or be listed below with the reason it cannot be seen.
 * docs/deploying.md's IAM table names the same actions.
 */
@QuarkusTest
class DeploymentTemplateTest {

    static final Path TEMPLATE = Path.of("deploy", "reembed-console.yaml");
    /** Actions AWS requires "*" for: they take no resource. */
    static final Set<String> NO_RESOURCE = Set.of("ecs:DescribeTaskDefinition", "ec2:DescribeSubnets",
            "ec2:DescribeSecurityGroups", "servicequotas:GetServiceQuota");
    /** Allowed, though no emulator sees them as calls of their own. */
    static final Map<String, String> IMPLIED = Map.of(
            "ecs:TagResource", "RunTask tags the task it starts; IAM checks ecs:TagResource with ecs:CreateAction=RunTask",
            "iam:PassRole", "RunTask hands the task definition's roles to ECS; IAM checks the pass, no call is made");
    /** Calls that need no grant at all. */
    static final Set<String> NO_GRANT = Set.of("sts:GetCallerIdentity");
    /** Calls the console makes that the template deliberately does not allow, and what the console does then. */
    static final Map<String, String> NOT_GRANTED = Map.of("cloudformation:DescribeStacks *",
            "listing every stack of the region (when the configured name is wrong) would expose other stacks' "
                    + "outputs; without it Settings only says the named stack was not found",
            "dynamodb:CreateTable arn:aws:dynamodb:*:*:table/*",
            "the template creates the runs table; the console creates it only where it is missing (the demo)");

    @Inject
    ReembedConfig config;

    @Inject
    Preflight preflight;

    @Inject
    EcsTasks ecs;

    @Inject
    io.reembed.local.ecs.EcsEmulator emulator;

    @Test
    void theTemplateHoldsWhatItPromises() throws IOException {
        JsonNode resources = template().path("Resources");
        JsonNode table = resources.path("RunsTable");
        assertEquals("Retain", table.path("DeletionPolicy").asText());
        assertTrue(table.path("Properties").path("PointInTimeRecoverySpecification").path("PointInTimeRecoveryEnabled")
                .asBoolean());
        assertTrue(table.path("Properties").path("DeletionProtectionEnabled").asBoolean());
        assertEquals("PAY_PER_REQUEST", table.path("Properties").path("BillingMode").asText());

        JsonNode https = resources.path("HttpsListener").path("Properties");
        assertEquals("HTTPS", https.path("Protocol").asText());
        assertTrue(https.path("SslPolicy").asText().matches("ELBSecurityPolicy-TLS13-1-2-.*"), "TLS 1.2 or newer only");
        JsonNode redirect = resources.path("HttpListener").path("Properties").path("DefaultActions").get(0);
        assertEquals("redirect", redirect.path("Type").asText());
        assertEquals("HTTPS", redirect.path("RedirectConfig").path("Protocol").asText());

        JsonNode target = resources.path("TargetGroup").path("Properties");
        assertEquals("/q/health/ready", target.path("HealthCheckPath").asText());
        assertEquals("9000", target.path("HealthCheckPort").asText());
        JsonNode container = resources.path("TaskDefinition").path("Properties").path("ContainerDefinitions").get(0);
        assertTrue(container.path("HealthCheck").path("Command").toString().contains("/q/health/live"));
        Map<String, String> environment = new TreeMap<>();
        container.path("Environment").forEach(e -> environment.put(e.path("Name").asText(), e.path("Value").asText()));
        assertEquals("true", environment.get("QUARKUS_LOG_CONSOLE_JSON_ENABLED"));
        assertEquals("aws", environment.get("REEMBED_MODE"));
        assertTrue(environment.containsKey("REEMBED_HTTP_ALLOWED_HOSTS") && environment.containsKey("REEMBED_NOTIFY_CONSOLE_URL"));
        assertEquals("RunsTable", environment.get("REEMBED_RUNS_TABLE_NAME"), "the console uses the template's table");

        JsonNode service = resources.path("Service").path("Properties");
        assertEquals(2, service.path("DesiredCount").asInt(), "two copies: the lease picks the one that drives");
        assertEquals(100, service.path("DeploymentConfiguration").path("MinimumHealthyPercent").asInt());
        assertEquals("DISABLED", service.path("NetworkConfiguration").path("AwsvpcConfiguration").path("AssignPublicIp").asText());

        JsonNode ingress = resources.path("ServiceSecurityGroup").path("Properties").path("SecurityGroupIngress");
        assertEquals(2, ingress.size());
        for (JsonNode rule : ingress) {
            if (rule.path("FromPort").asInt() == 8080) {
                assertEquals("LoadBalancerSecurityGroup", rule.path("SourceSecurityGroupId").asText(),
                        "the main port from the load balancer only");
            } else {
                assertEquals(9000, rule.path("FromPort").asInt());
                assertEquals("VpcCidr", rule.path("CidrIp").asText(), "the management port from inside the VPC only");
            }
        }
        assertTrue(resources.path("LogGroup").path("Properties").has("RetentionInDays"));

        for (Statement statement : policy()) {
            assertFalse(statement.actions().contains("*") || statement.actions().stream().anyMatch(a -> a.endsWith(":*")),
                    "no wildcard action: " + statement.sid());
            if (statement.resources().contains("*")) {
                assertTrue(NO_RESOURCE.containsAll(statement.actions()), statement.sid()
                        + ": '*' only for actions that take no resource");
            }
        }
        Statement runTask = policy().stream().filter(s -> s.actions().contains("ecs:RunTask")).findFirst().orElseThrow();
        assertTrue(runTask.condition().toString().contains("ecs:cluster"), "RunTask only into the embedding cluster");
        Statement passRole = policy().stream().filter(s -> s.actions().contains("iam:PassRole")).findFirst().orElseThrow();
        assertTrue(passRole.condition().toString().contains("ecs-tasks.amazonaws.com"), "roles passed to ECS tasks only");
    }

    @Test
    void everyCallTheConsoleMakesIsAllowedAndEveryGrantIsUsed() throws Exception {
        RunTestSupport.withoutCapacityLimit(emulator, config);
        // What the console does: the bot list (and its stuck check), preflight, a run to its end with a
        // bot's log, a cancelled run, the search for a run's tasks a crash left unrecorded, and the
        // limits over all runs set back to the configured ones.
        given().queryParam("refresh", "true").when().get("/bots").then().statusCode(200);
        preflight.checkAgain();
        String finished = RunTestSupport.start(RunTestSupport.botsWithKnowledge(bot -> true).subList(0, 3));
        var run = RunTestSupport.awaitEnd(finished);
        Map<String, Object> bot = run.getMap("bots[0]");
        given().when().get("/api/runs/{id}/bots/{pk}/{sk}/log", finished, bot.get("pk"), bot.get("sk")).then()
                .statusCode(200);
        String cancelled = RunTestSupport.startStuckRun(emulator, config);
        RunTestSupport.awaitRun(cancelled, snapshot -> io.reembed.testing.Json.text(snapshot, "/bots/0/taskArn") != null, 20_000);
        given().contentType("application/json").when().post("/api/runs/" + cancelled + "/cancel").then().statusCode(200);
        RunTestSupport.awaitEnd(cancelled);
        RunTestSupport.withoutCapacityLimit(emulator, config);
        ecs.listTasksStartedBy(config.ecsEmulator().cluster(), cancelled);
        given().contentType("application/json").when().delete("/api/engine/limits").then().statusCode(200);
        for (String action : List.of("logs:GetLogEvents", "events:PutEvents", "sns:Publish")) {
            org.awaitility.Awaitility.await(action).atMost(Duration.ofSeconds(20)).until(() -> recorded().stream()
                    .anyMatch(call -> call.action().equals(action)));
        }

        Set<AwsCallLog.Call> calls = recorded();
        List<Statement> policy = policy();
        List<String> denied = new ArrayList<>();
        Set<String> called = new TreeSet<>();
        Set<String> tables = Set.of(tableArn(DemoModeConfigSourceFactory.DEMO_TABLE), tableArn(config.runs().tableName()));
        for (AwsCallLog.Call call : calls) {
            if (call.action().startsWith("dynamodb:") && !call.resource().equals("*")
                    && tables.stream().noneMatch(table -> call.resource().equals(table)
                            || call.resource().startsWith(table + "/index/"))) {
                // A table a test made for itself (BotScannerTest's, say) and pointed the console's code at.
                continue;
            }
            called.add(call.action());
            if (NO_GRANT.contains(call.action()) || NOT_GRANTED.keySet().stream().anyMatch(pattern -> call.action()
                    .equals(pattern.substring(0, pattern.indexOf(' ')))
                    && matches(pattern.substring(pattern.indexOf(' ') + 1), call.resource()))) {
                continue;
            }
            boolean allowed = policy.stream().anyMatch(s -> s.actions().contains(call.action())
                    && s.resources().stream().anyMatch(pattern -> matches(substitute(pattern), call.resource())));
            if (!allowed) {
                denied.add(call.line());
            }
        }
        assertEquals(List.of(), denied, "calls the console makes that the task role does not allow");
        Set<String> granted = new TreeSet<>();
        policy.forEach(s -> granted.addAll(s.actions()));
        Set<String> unused = new TreeSet<>(granted);
        unused.removeAll(called);
        unused.removeAll(IMPLIED.keySet());
        assertEquals(Set.of(), unused, "actions the task role allows that the console never calls; called: " + called);
    }

    @Test
    void theDocumentedIamTableNamesExactlyTheTemplatesActions() throws IOException {
        String readme = Files.readString(Path.of("docs/deploying.md"));
        int start = readme.indexOf("### IAM permissions");
        int end = readme.indexOf("\n### ", start + 1);
        assertTrue(start >= 0 && end > start, "docs/deploying.md has its IAM section");
        Set<String> inReadme = new TreeSet<>();
        for (String line : readme.substring(start, end).split("\n")) {
            // The first cell of each row names the permissions; the others speak of conditions and tags.
            if (line.startsWith("| `")) {
                Matcher action = Pattern.compile("`([a-z0-9]+:[A-Za-z]+)`").matcher(line.split("\\|")[1]);
                while (action.find()) {
                    inReadme.add(action.group(1));
                }
            }
        }
        Set<String> inTemplate = new TreeSet<>(NO_GRANT);
        policy().forEach(s -> inTemplate.addAll(s.actions()));
        assertEquals(inTemplate, inReadme, "docs/deploying.md's IAM table and the template's task role");
    }

    record Statement(String sid, List<String> actions, List<String> resources, JsonNode condition) {
    }

    static JsonNode template() throws IOException {
        return new ObjectMapper(new YAMLFactory()).readTree(TEMPLATE.toFile());
    }

    /** The task role's statements; Ref and Sub values come as their text (YAML tags are read as plain values). */
    static List<Statement> policy() throws IOException {
        List<Statement> statements = new ArrayList<>();
        JsonNode document = template().path("Resources").path("TaskRole").path("Properties").path("Policies").get(0)
                .path("PolicyDocument");
        for (JsonNode entry : document.path("Statement")) {
            // !If [Condition, statement, !Ref AWS::NoValue] reads as that list: the statement as granted when set.
            JsonNode statement = entry.isArray() && entry.size() == 3 && entry.get(1).has("Effect") ? entry.get(1) : entry;
            assertEquals("Allow", statement.path("Effect").asText());
            statements.add(new Statement(statement.path("Sid").asText(), strings(statement.path("Action")),
                    strings(statement.path("Resource")), statement.path("Condition")));
        }
        return statements;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(value -> values.add(value.asText()));
        } else {
            values.add(node.asText());
        }
        return values;
    }

    /** The template's values in the demo's account: its parameters set as the demo stack says. */
    private String substitute(String pattern) {
        Map<String, String> values = Map.of("AWS::Partition", "aws", "AWS::Region", DemoModeConfigSourceFactory.DEMO_REGION,
                "AWS::AccountId", DemoAccount.ACCOUNT, "ConversationTableName", DemoModeConfigSourceFactory.DEMO_TABLE,
                "EmbeddingClusterName", config.ecsEmulator().cluster(),
                "EmbeddingTaskDefinitionFamily", config.ecsEmulator().taskDefinitionFamily(),
                "EmbeddingLogGroupName", "/ecs/" + config.ecsEmulator().taskDefinitionFamily(),
                "BedrockChatStackName", DemoAccount.STACK,
                "NotifyEventBusArn", "arn:aws:events:" + DemoModeConfigSourceFactory.DEMO_REGION + ":" + DemoAccount.ACCOUNT
                        + ":event-bus/" + DemoModeConfigSourceFactory.DEMO_EVENT_BUS,
                "NotifySnsTopicArn", DemoModeConfigSourceFactory.DEMO_TOPIC_ARN);
        if (pattern.equals("RunsTable.Arn")) {
            return "arn:aws:dynamodb:" + DemoModeConfigSourceFactory.DEMO_REGION + ":" + DemoAccount.ACCOUNT + ":table/"
                    + config.runs().tableName();
        }
        String result = pattern;
        for (Map.Entry<String, String> value : values.entrySet()) {
            result = result.replace("${" + value.getKey() + "}", value.getValue());
        }
        return result;
    }

    private static String tableArn(String table) {
        return "arn:aws:dynamodb:" + DemoModeConfigSourceFactory.DEMO_REGION + ":" + DemoAccount.ACCOUNT + ":table/" + table;
    }

    /** IAM's wildcards: * any run of characters, ? one. */
    static boolean matches(String pattern, String resource) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return resource.matches(regex.toString());
    }

    private static Set<AwsCallLog.Call> recorded() throws IOException {
        Set<AwsCallLog.Call> calls = new HashSet<>(AwsCallLog.calls());
        Path file = Path.of(System.getProperty(AwsCallLog.DIRECTORY_PROPERTY, "target/aws-calls"),
                ProcessHandle.current().pid() + ".txt");
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                int space = line.indexOf(' ');
                calls.add(new AwsCallLog.Call(line.substring(0, space), line.substring(space + 1)));
            }
        }
        return calls;
    }
}
