package io.reembed.local;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.reembed.config.ReembedConfig;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * STS's GetCallerIdentity in the AWS Query protocol (a form POST, an XML answer), so that the demo
 * names an account through the same client code as a real one. Demo mode only; read-only. It
 * answers at the root path: the SDK's STS client drops any path of an endpoint override and posts
 * to "/" (seen with 2.57.8), and the console itself takes no POST there.
 */
@ApplicationScoped
public class StsEmulatorRoute {

    public static final String PATH = "/";
    static final String ACCOUNT = "123456789012";
    static final String ARN = "arn:aws:iam::" + ACCOUNT + ":user/demo-operator";

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        router.post(PATH).consumes("application/x-www-form-urlencoded").handler(BodyHandler.create().setBodyLimit(4096))
                .handler(this::call);
    }

    private void call(RoutingContext context) {
        String action = context.request().getFormAttribute("Action");
        if (!"GetCallerIdentity".equals(action)) {
            context.response().setStatusCode(400).putHeader("Content-Type", "text/xml")
                    .end("<ErrorResponse><Error><Type>Sender</Type><Code>InvalidAction</Code><Message>This emulator "
                            + "answers GetCallerIdentity only.</Message></Error><RequestId>demo</RequestId></ErrorResponse>");
            return;
        }
        context.response().putHeader("Content-Type", "text/xml").end("""
                <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
                  <GetCallerIdentityResult>
                    <Arn>%s</Arn>
                    <UserId>AIDADEMOOPERATOR0000</UserId>
                    <Account>%s</Account>
                  </GetCallerIdentityResult>
                  <ResponseMetadata><RequestId>demo</RequestId></ResponseMetadata>
                </GetCallerIdentityResponse>
                """.formatted(ARN, ACCOUNT));
    }
}
