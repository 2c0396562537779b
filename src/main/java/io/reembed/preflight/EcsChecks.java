package io.reembed.preflight;

import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.aws.ServiceQuotasClient;
import io.reembed.config.ReembedConfig;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.engine.RunEngine;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.Cluster;
import software.amazon.awssdk.services.ecs.model.Compatibility;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.DesiredStatus;
import software.amazon.awssdk.services.ecs.model.DescribeClustersResponse;
import software.amazon.awssdk.services.ecs.model.TaskDefinition;
import software.amazon.awssdk.services.ecs.model.TaskDefinitionStatus;

/** ECS DescribeClusters and DescribeTaskDefinition, and the Fargate vCPU quota that bounds tasks at once. */
@ApplicationScoped
class EcsChecks {

    static final String CLUSTER = "cluster";
    static final String TASK_DEFINITION = "task-definition";
    static final String CAPACITY = "capacity";
    static final String FARGATE = "fargate";
    static final String ON_DEMAND_VCPU = "L-3032A538";

    /** What the task definition check learnt: the vCPUs and memory (GB) a task takes and where its log goes. */
    record TaskFacts(double vcpus, double memoryGb, String logGroup, String streamPrefix) {
    }

    record TaskDefinitionCheck(Check check, Optional<TaskFacts> facts) {
    }

    record CapacityCheck(Check check, Integer tasksAtOnce) {
    }

    private final EcsClient ecs;
    private final ServiceQuotasClient quotas;
    private final ReembedConfig config;
    private final RunEngine engine;

    EcsChecks(EcsClient ecs, ServiceQuotasClient quotas, ReembedConfig config, RunEngine engine) {
        this.ecs = ecs;
        this.quotas = quotas;
        this.config = config;
        this.engine = engine;
    }

    Check cluster(EcsLaunchSettings settings) {
        String title = "ECS cluster";
        if (settings.cluster().isBlank()) {
            return Check.unknown(CLUSTER, title, "not checked: the cluster is not known", "See Settings.");
        }
        try {
            DescribeClustersResponse response = ecs.describeClusters(b -> b.clusters(settings.cluster()));
            if (response.clusters().isEmpty()) {
                String reason = response.failures().isEmpty() ? "not found" : response.failures().get(0).reason();
                return Check.fail(CLUSTER, title, settings.cluster() + ": " + reason,
                        "Check reembed.ecs.cluster (or the stack's EmbeddingClusterName… output) and the region.");
            }
            Cluster cluster = response.clusters().get(0);
            String state = cluster.clusterName() + " is " + cluster.status() + ", " + cluster.runningTasksCount()
                    + " tasks running, " + cluster.pendingTasksCount() + " pending";
            if (!"ACTIVE".equals(cluster.status())) {
                return Check.fail(CLUSTER, title, state, "Tasks can only be launched into an ACTIVE cluster.");
            }
            return Check.pass(CLUSTER, title, state);
        } catch (SdkException e) {
            return CheckErrors.couldNotCheck(CLUSTER, title, "ecs:DescribeClusters", e);
        }
    }

    TaskDefinitionCheck taskDefinition(EcsLaunchSettings settings) {
        String title = "Task definition";
        if (settings.taskDefinition().isBlank()) {
            return new TaskDefinitionCheck(Check.unknown(TASK_DEFINITION, title,
                    "not checked: the task definition is not known", "See Settings."), Optional.empty());
        }
        TaskDefinition definition;
        try {
            definition = ecs.describeTaskDefinition(b -> b.taskDefinition(settings.taskDefinition())).taskDefinition();
        } catch (software.amazon.awssdk.services.ecs.model.ClientException e) {
            return new TaskDefinitionCheck(Check.fail(TASK_DEFINITION, title, settings.taskDefinition() + ": ECS "
                    + CheckErrors.describe(e), "Check reembed.ecs.task-definition (or the stack's "
                            + "EmbeddingTaskDefinitionName… output) and the region."), Optional.empty());
        } catch (SdkException e) {
            return new TaskDefinitionCheck(CheckErrors.couldNotCheck(TASK_DEFINITION, title, "ecs:DescribeTaskDefinition", e),
                    Optional.empty());
        }
        String name = definition.family() + ":" + definition.revision();
        Optional<ContainerDefinition> container = definition.containerDefinitions().stream()
                .filter(c -> settings.containerName().equals(c.name())).findFirst();
        double vcpus = vcpus(definition.cpu());
        Map<String, String> logOptions = container.map(c -> c.logConfiguration() == null ? Map.<String, String>of()
                : c.logConfiguration().options()).orElse(Map.of());
        TaskFacts facts = new TaskFacts(vcpus, gigabytes(definition.memory()), logOptions.get("awslogs-group"),
                logOptions.get("awslogs-stream-prefix"));
        if (definition.status() != TaskDefinitionStatus.ACTIVE) {
            return new TaskDefinitionCheck(Check.fail(TASK_DEFINITION, title, name + " is " + definition.statusAsString(),
                    "Point reembed.ecs.task-definition at the ACTIVE revision (the stack's output names the family)."),
                    Optional.of(facts));
        }
        if (!definition.requiresCompatibilities().contains(Compatibility.FARGATE)) {
            return new TaskDefinitionCheck(Check.fail(TASK_DEFINITION, title, name + " is not Fargate compatible "
                    + "(requires " + definition.requiresCompatibilitiesAsStrings() + ")",
                    "Use the stack's embedding task definition."), Optional.of(facts));
        }
        if (container.isEmpty()) {
            return new TaskDefinitionCheck(Check.fail(TASK_DEFINITION, title, name + " has no container named "
                    + settings.containerName() + " (it has " + String.join(", ", definition.containerDefinitions().stream()
                            .map(ContainerDefinition::name).toList()) + ")",
                    "Set reembed.ecs.container-name to the embedding container."), Optional.of(facts));
        }
        String logs = facts.logGroup() == null ? "no awslogs log group"
                : "logs to " + facts.logGroup() + " (prefix " + facts.streamPrefix() + ")";
        return new TaskDefinitionCheck(Check.pass(TASK_DEFINITION, title, name + " is ACTIVE, Fargate, " + format(vcpus)
                + " vCPU, " + definition.memory() + " MiB, container " + settings.containerName() + ", " + logs),
                Optional.of(facts));
    }

    CapacityCheck capacity(EcsLaunchSettings settings, Optional<TaskFacts> task) {
        String title = "Fargate capacity";
        if (task.isEmpty() || task.get().vcpus() <= 0) {
            return new CapacityCheck(Check.unknown(CAPACITY, title,
                    "not checked: the task definition's vCPUs are not known", "See the task definition check."), null);
        }
        double vcpus = task.get().vcpus();
        ServiceQuotasClient.Quota quota;
        try {
            quota = quotas.getServiceQuota(FARGATE, ON_DEMAND_VCPU);
        } catch (SdkException e) {
            return new CapacityCheck(CheckErrors.couldNotCheck(CAPACITY, title, "servicequotas:GetServiceQuota", e), null);
        }
        int others;
        try {
            others = Math.max(0, countRunning(settings.cluster()) - engine.tasksInFlight());
        } catch (SdkException e) {
            return new CapacityCheck(CheckErrors.couldNotCheck(CAPACITY, title, "ecs:ListTasks", e), null);
        }
        int fit = (int) Math.floor(quota.value() / vcpus);
        int tasksAtOnce = Math.max(0, fit - others);
        int maxInFlight = config.runs().maxInFlight();
        String detail = "Fargate On-Demand vCPU quota " + format(quota.value()) + " ÷ " + format(vcpus)
                + " vCPU a task = " + fit + " tasks at once" + (others > 0 ? ", less " + others
                        + " other tasks in the cluster = " + tasksAtOnce : "") + "; max-in-flight is " + maxInFlight;
        if (tasksAtOnce == 0) {
            return new CapacityCheck(Check.warn(CAPACITY, title, detail, "No room for a task now: the runs wait until "
                    + "other tasks end, or ask for a higher quota (Service Quotas, " + ON_DEMAND_VCPU + ")."), 0);
        }
        if (maxInFlight > tasksAtOnce) {
            return new CapacityCheck(Check.warn(CAPACITY, title, detail, "max-in-flight is above what the quota allows: "
                    + "the engine keeps to " + tasksAtOnce + " tasks at once."), tasksAtOnce);
        }
        return new CapacityCheck(Check.pass(CAPACITY, title, detail), tasksAtOnce);
    }

    private int countRunning(String cluster) {
        int count = 0;
        for (var page : ecs.listTasksPaginator(b -> b.cluster(cluster).desiredStatus(DesiredStatus.RUNNING))) {
            count += page.taskArns().size();
        }
        return count;
    }

    /** Task-level memory is in MiB; 0 when absent or unreadable. */
    private static double gigabytes(String memory) {
        try {
            return memory == null ? 0 : Integer.parseInt(memory.trim()) / 1024.0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Task-level cpu is in CPU units (1024 a vCPU); 0 when absent or unreadable. */
    private static double vcpus(String cpu) {
        try {
            return cpu == null ? 0 : Integer.parseInt(cpu.trim()) / 1024.0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String format(double value) {
        return value == Math.rint(value) ? String.format("%,d", (long) value) : String.valueOf(value);
    }
}
