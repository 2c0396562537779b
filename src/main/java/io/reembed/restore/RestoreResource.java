package io.reembed.restore;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.reembed.aws.AwsClientSettings;
import io.reembed.bots.Bot;
import io.reembed.bots.BotCatalog;
import io.reembed.bots.CatalogUnavailableException;
import io.reembed.deployment.Deployment;
import io.reembed.estimate.Estimate;
import io.reembed.estimate.RunCosts;
import io.reembed.security.Roles;
import io.reembed.web.PageHeader;
import io.smallrye.common.annotation.Blocking;
import software.amazon.awssdk.regions.Region;

/**
 * "Restore instead of re-embedding": this deployment's re-embedding figures beside the other way
 * the upgrade guide offers (restore the old Aurora snapshot, copy it with DMS homogeneous
 * migration), with the steps as a checklist of commands filled in from what the console knows.
 */
@Path("/restore")
@Blocking
@RolesAllowed({ Roles.VIEWER, Roles.OPERATOR })
public class RestoreResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance restore(PageHeader header, RestorePlan plan, Estimate estimate, int bots,
                String problem);
    }

    private final BotCatalog catalog;
    private final RunCosts costs;
    private final Deployment deployment;
    private final AwsClientSettings aws;
    private final PageHeader header;

    RestoreResource(BotCatalog catalog, RunCosts costs, Deployment deployment, AwsClientSettings aws,
            PageHeader header) {
        this.catalog = catalog;
        this.costs = costs;
        this.deployment = deployment;
        this.aws = aws;
        this.header = header;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance page() {
        RestorePlan plan = RestorePlan.of(aws.region().map(Region::id).orElse("<region>"),
                deployment.settings().stackName());
        try {
            List<Bot> withKnowledge = catalog.snapshot().bots().stream().filter(Bot::hasKnowledge).toList();
            return Templates.restore(header, plan, costs.estimate(withKnowledge, null), catalog.snapshot().size(), null);
        } catch (CatalogUnavailableException e) {
            return Templates.restore(header, plan, null, 0, e.getMessage());
        }
    }
}
