package io.reembed.preflight;

import java.util.HashMap;
import java.util.Map;

/** Which preflight check tells the state of which setting, for the settings page. */
public final class SettingChecks {

    private static final Map<String, String> CHECK_OF = Map.of("reembed.table-name", TableChecks.CONVERSATION_TABLE,
            "reembed.ecs.cluster", EcsChecks.CLUSTER, "reembed.ecs.task-definition", EcsChecks.TASK_DEFINITION,
            "reembed.ecs.container-name", EcsChecks.TASK_DEFINITION, "reembed.ecs.subnets", NetworkCheck.NETWORK,
            "reembed.ecs.security-groups", NetworkCheck.NETWORK);

    private SettingChecks() {
    }

    /** Each setting's check in this report, by the setting's property name. */
    public static Map<String, Check> of(PreflightReport report) {
        Map<String, Check> states = new HashMap<>();
        CHECK_OF.forEach((property, id) -> report.checks().stream().filter(check -> check.id().equals(id)).findFirst()
                .ifPresent(check -> states.put(property, check)));
        return states;
    }
}
