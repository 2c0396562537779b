package io.reembed.local.aws;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reembed.aws.ConsoleClient;
import io.reembed.config.ReembedConfig;
import io.reembed.local.AwsCallLog;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.notify.LocalNotifications;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.reembed.local.DemoAccount;

/**
 * The demo's STS, CloudFormation, EC2 and SNS, in the AWS query protocols (a form POST, an XML answer),
 * so that the demo names an account, reads its stack and checks its network through the same client
 * code as a real one. They answer at the root path: the SDK's query-protocol clients drop any path
 * of an endpoint override and post to "/" (seen with 2.57.8), and the console itself takes no POST
 * there. Which service is called comes from the SigV4 credential scope, as AWS's own endpoints are
 * one host per service. Demo mode only; read-only.
 */
@ApplicationScoped
public class QueryEmulatorRoute {

    public static final String PATH = "/";
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([a-z0-9-]+)/aws4_request");

    private final StsEmulator sts;
    private final CloudFormationEmulator cloudFormation;
    private final Ec2Emulator ec2;
    private final SnsEmulator sns;

    public QueryEmulatorRoute(DemoAccount account, LocalNotifications notifications, Clock clock) {
        this.sts = new StsEmulator();
        this.cloudFormation = new CloudFormationEmulator(account);
        this.ec2 = new Ec2Emulator(account);
        this.sns = new SnsEmulator(notifications, clock);
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        router.post(PATH).consumes("application/x-www-form-urlencoded").handler(BodyHandler.create().setBodyLimit(16384))
                .handler(this::call);
    }

    private void call(RoutingContext context) {
        String service = service(context.request().getHeader("Authorization"));
        MultiMap form = context.request().formAttributes();
        String action = form.get("Action");
        String requestId = UUID.randomUUID().toString();
        try {
            if (service == null) {
                throw new QueryError(403, "MissingAuthenticationToken", "Request is missing Authentication Token");
            }
            if (ConsoleClient.VALUE.equals(context.request().getHeader(ConsoleClient.HEADER))) {
                AwsCallLog.record(service + ":" + action, resources(service, action, form));
            }
            String answer = switch (service) {
                case "sts" -> sts.answer(action, requestId);
                case "cloudformation" -> cloudFormation.answer(action, form, requestId);
                case "ec2" -> ec2.answer(action, form, requestId);
                case "sns" -> sns.answer(action, form, requestId);
                default -> throw new QueryError(400, "InvalidAction", "This emulator serves sts, cloudformation, ec2 and sns, not "
                        + service + ".");
            };
            context.response().putHeader("Content-Type", "text/xml").end(answer);
        } catch (QueryError e) {
            String body = "ec2".equals(service) ? ec2Error(e, requestId) : queryError(e, requestId);
            context.response().setStatusCode(e.status()).putHeader("Content-Type", "text/xml").end(body);
        }
    }

    /** What IAM checks: CloudFormation names the stack; STS and EC2's Describe calls take no resource. */
    private static List<String> resources(String service, String action, MultiMap form) {
        if ("sns".equals(service) && form.get("TopicArn") != null) {
            return List.of(form.get("TopicArn"));
        }
        String stack = form.get("StackName");
        if ("cloudformation".equals(service) && stack != null) {
            return List.of(stack.startsWith("arn:") ? stack : "arn:aws:cloudformation:" + DemoModeConfigSourceFactory.DEMO_REGION
                    + ":" + DemoAccount.ACCOUNT + ":stack/" + stack + "/*");
        }
        return List.of();
    }

    static String service(String authorization) {
        if (authorization == null) {
            return null;
        }
        Matcher matcher = SCOPE.matcher(authorization);
        return matcher.find() ? matcher.group(1) : null;
    }

    /** The error shape of STS and CloudFormation. */
    private static String queryError(QueryError e, String requestId) {
        return new Xml().open("ErrorResponse").open("Error").element("Type", e.status() >= 500 ? "Receiver" : "Sender")
                .element("Code", e.code()).element("Message", e.getMessage()).close("Error")
                .element("RequestId", requestId).close("ErrorResponse").toString();
    }

    /** EC2's own error shape. */
    private static String ec2Error(QueryError e, String requestId) {
        return new Xml().open("Response").open("Errors").open("Error").element("Code", e.code())
                .element("Message", e.getMessage()).close("Error").close("Errors").element("RequestID", requestId)
                .close("Response").toString();
    }

    /** Values of a query list parameter: {@code SubnetId.1}, {@code SubnetId.2}, ... in order. */
    static List<String> list(MultiMap form, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 1; form.contains(name + "." + i); i++) {
            values.add(form.get(name + "." + i));
        }
        return values;
    }
}
