package io.reembed.preflight.web;

import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import io.reembed.deployment.DeploymentSettings;
import io.reembed.notify.channels.Channels;
import io.reembed.notify.delivery.Notifier;
import io.reembed.preflight.Check;
import io.reembed.preflight.NotificationCheck;
import io.reembed.preflight.Preflight;
import io.reembed.preflight.PreflightReport;
import io.reembed.preflight.SettingChecks;
import io.reembed.security.Roles;
import io.reembed.web.Operator;
import io.reembed.web.PageHeader;
import io.reembed.web.Redirects;

/** The settings page: each value, where it came from, and its ECS or DynamoDB state (from preflight). */
@Path("/settings")
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class SettingsResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance settings(PageHeader header, DeploymentSettings settings, Map<String, Check> states,
                List<ChannelRow> channels, Check notifications, String consoleUrl, Notifier.TestResult lastTest);
    }

    /** A notification channel that is set, and where it delivers. */
    public record ChannelRow(String name, String target) {
    }

    private final Deployment deployment;
    private final Preflight preflight;
    private final PageHeader header;
    private final Channels channels;
    private final ReembedConfig config;
    private final Notifier notifier;

    SettingsResource(Deployment deployment, Preflight preflight, PageHeader header, Channels channels,
            ReembedConfig config, Notifier notifier) {
        this.notifier = notifier;
        this.deployment = deployment;
        this.preflight = preflight;
        this.header = header;
        this.channels = channels;
        this.config = config;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        DeploymentSettings settings = deployment.settings();
        PreflightReport report = preflight.report();
        return Templates.settings(header, settings, SettingChecks.of(report),
                channels.configured().stream().map(channel -> new ChannelRow(channel.name(), channel.target())).toList(),
                report.checks().stream().filter(check -> check.id().equals(NotificationCheck.ID)).findFirst().orElse(null),
                config.notifications().consoleUrl().map(Object::toString).orElse(null), notifier.lastTest().orElse(null));
    }

    /** Sends a test event to every notification channel, then shows what each said. */
    @POST
    @Path("/test-event")
    @RolesAllowed(Roles.OPERATOR)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response testEvent(@Context SecurityContext security) {
        notifier.sendTest(Operator.name(security, config));
        return Redirects.seeOther("/settings#notification-settings");
    }

    /** Reads the stack again and checks again with what it says. */
    @POST
    @Path("/read-again")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response readAgain() {
        preflight.checkAgain();
        return Redirects.seeOther("/settings");
    }
}
