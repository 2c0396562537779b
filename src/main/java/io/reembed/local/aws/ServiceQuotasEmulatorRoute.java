package io.reembed.local.aws;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.aws.ConsoleClient;
import io.reembed.config.ReembedConfig;
import io.reembed.local.AwsCallLog;
import io.reembed.local.Json11Route;
import io.reembed.local.ecs.EcsEmulator;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.reembed.local.DemoAccount;

/**
 * Service Quotas' GetServiceQuota in its JSON 1.1 protocol, for the Fargate On-Demand vCPU quota
 * of the demo account (as many vCPUs as the ECS emulator runs one-vCPU tasks at once). Demo mode only; a request not signed for servicequotas is refused, as AWS does.
 */
@ApplicationScoped
public class ServiceQuotasEmulatorRoute {

    public static final String PATH = "/local/servicequotas";
    static final String CONTENT_TYPE = Json11Route.CONTENT_TYPE;
    public static final String FARGATE = "fargate";
    public static final String ON_DEMAND_VCPU = "L-3032A538";

    private final EcsEmulator ecs;
    private final ObjectMapper json;

    public ServiceQuotasEmulatorRoute(EcsEmulator ecs, ObjectMapper json) {
        this.ecs = ecs;
        this.json = json;
    }

    void register(@Observes Router router, ReembedConfig config) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        Json11Route.register(router, PATH, 4096, this::call);
    }

    private void call(RoutingContext context) {
        if (!"servicequotas".equals(QueryEmulatorRoute.service(context.request().getHeader("Authorization")))) {
            Json11Route.error(context, 403, "MissingAuthenticationTokenException", "Request is missing a signature for servicequotas.");
            return;
        }
        if (!"ServiceQuotasV20190624.GetServiceQuota".equals(context.request().getHeader("X-Amz-Target"))) {
            Json11Route.error(context, 400, "UnknownOperationException", "This emulator answers GetServiceQuota only.");
            return;
        }
        if (ConsoleClient.VALUE.equals(context.request().getHeader(ConsoleClient.HEADER))) {
            AwsCallLog.record("servicequotas:GetServiceQuota", List.of());
        }
        JsonNode request;
        try {
            request = json.readTree(context.body().asString());
        } catch (Exception e) {
            Json11Route.error(context, 400, "SerializationException", "The request body is not valid JSON.");
            return;
        }
        String service = request.path("ServiceCode").asText("");
        String quota = request.path("QuotaCode").asText("");
        if (!FARGATE.equals(service) || !ON_DEMAND_VCPU.equals(quota)) {
            Json11Route.error(context, 400, "NoSuchResourceException", "The request failed because the specified quota " + quota
                    + " of service " + service + " does not exist in this emulator.");
            return;
        }
        ObjectNode answer = json.createObjectNode();
        answer.putObject("Quota").put("ServiceCode", FARGATE).put("ServiceName", "AWS Fargate")
                .put("QuotaArn", "arn:aws:servicequotas:us-east-1:" + DemoAccount.ACCOUNT + ":fargate/" + ON_DEMAND_VCPU)
                .put("QuotaCode", ON_DEMAND_VCPU).put("QuotaName", "Fargate On-Demand vCPU resource count")
                .put("Value", ecs.fargateVcpuQuota()).put("Unit", "None").put("Adjustable", true)
                .put("GlobalQuota", false);
        context.response().putHeader("Content-Type", CONTENT_TYPE).end(answer.toString());
    }
}
