package io.reembed.runs.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.reembed.runs.Attempt;
import io.reembed.runs.AuditEvent;
import io.reembed.runs.BotState;
import io.reembed.deployment.EcsLaunchSettings;
import io.reembed.runs.FailureKind;
import io.reembed.runs.Run;
import io.reembed.runs.RunBot;
import io.reembed.runs.RunHead;
import io.reembed.runs.RunState;
import io.reembed.runs.RunTally;
import io.reembed.runs.SpendingCap;
import io.reembed.runs.Steering;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Maps runs and bots to items and back; absent values are left out of the item. */
final class RunItems {

    private RunItems() {
    }

    static Map<String, AttributeValue> run(String partition, Run run) {
        Item item = new Item().s("PK", partition).s("SK", run.id()).s("id", run.id())
                .time("createdAt", run.createdAt()).s("createdBy", run.createdBy())
                .s("state", run.state().name()).bool("cancelRequested", run.cancelRequested())
                .n("total", run.total()).time("finishedAt", run.finishedAt()).s("selection", run.selection());
        RunTally tally = run.tally();
        item.values.put("tally", AttributeValue.fromM(new Item().n("succeeded", tally.succeeded())
                .n("failed", tally.failed()).n("cancelled", tally.cancelled()).n("inFlight", tally.inFlight())
                .n("queued", tally.queued()).n("skipped", tally.skipped()).values));
        EcsLaunchSettings ecs = run.ecs();
        item.values.put("ecs", AttributeValue.fromM(new Item().s("cluster", ecs.cluster())
                .s("taskDefinition", ecs.taskDefinition()).s("containerName", ecs.containerName())
                .list("subnets", ecs.subnets()).list("securityGroups", ecs.securityGroups())
                .s("assignPublicIp", ecs.assignPublicIp()).s("account", ecs.account()).s("region", ecs.region())
                .values));
        Steering steering = run.steering();
        item.values.put("steering", AttributeValue.fromM(new Item().n("maxInFlight", steering.maxInFlight())
                .n("brakeAfter", steering.brakeAfter()).n("brakePercent", steering.brakePercent())
                .s("pausedBecause", steering.pausedBecause())
                .n("brakeTrippedAtFailures", steering.brakeTrippedAtFailures())
                .decimal("capUsd", steering.cap() == null ? null : steering.cap().usd())
                .decimal("capUsdPerTaskSecond", steering.cap() == null ? null : steering.cap().usdPerTaskSecond())
                .decimal("capTaskSeconds", steering.cap() == null ? null : steering.cap().expectedTaskSeconds()).values));
        item.n("auditCount", run.audit().size());
        return item.values;
    }

    static Map<String, AttributeValue> auditEvent(String partition, int index, AuditEvent event) {
        return new Item().s("PK", partition).s("SK", String.format("%08d", index)).time("at", event.at())
                .s("who", event.who()).s("action", event.action()).s("detail", event.detail()).values;
    }

    static AuditEvent toAuditEvent(Map<String, AttributeValue> m) {
        return new AuditEvent(time(m, "at"), str(m, "who"), str(m, "action"), str(m, "detail"));
    }

    /** What {@link #toHead} reads of a run item, for a query's projection. */
    static final String HEAD_PROJECTION = "SK, #state, #finishedAt, auditCount";
    static final Map<String, String> HEAD_NAMES = Map.of("#state", "state", "#finishedAt", "finishedAt");

    static RunHead toHead(Map<String, AttributeValue> item) {
        return new RunHead(str(item, "SK"), RunState.valueOf(str(item, "state")), time(item, "finishedAt"),
                item.containsKey("auditCount") ? num(item, "auditCount") : null);
    }

    static Run toRun(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> ecs = item.get("ecs").m();
        // Runs stored before audit events had items of their own kept them in a list here.
        List<AuditEvent> audit = new ArrayList<>();
        if (item.containsKey("audit") && item.get("audit").hasL()) {
            for (AttributeValue event : item.get("audit").l()) {
                audit.add(toAuditEvent(event.m()));
            }
        }
        return new Run(str(item, "id"), time(item, "createdAt"), str(item, "createdBy"),
                new EcsLaunchSettings(str(ecs, "cluster"), str(ecs, "taskDefinition"), str(ecs, "containerName"),
                        list(ecs, "subnets"), list(ecs, "securityGroups"), str(ecs, "assignPublicIp"),
                        str(ecs, "account"), str(ecs, "region")),
                RunState.valueOf(str(item, "state")), item.get("cancelRequested").bool(),
                Integer.parseInt(item.get("total").n()), List.copyOf(audit), time(item, "finishedAt"),
                str(item, "selection"), tally(item), steering(item));
    }

    /** Runs stored before runs were steered have the defaults. */
    private static Steering steering(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("steering");
        if (value == null || !value.hasM()) {
            return Steering.DEFAULT;
        }
        Map<String, AttributeValue> m = value.m();
        SpendingCap cap = m.containsKey("capUsd") ? new SpendingCap(Double.parseDouble(m.get("capUsd").n()),
                Double.parseDouble(m.get("capUsdPerTaskSecond").n()), Double.parseDouble(m.get("capTaskSeconds").n())) : null;
        return new Steering(m.containsKey("maxInFlight") ? num(m, "maxInFlight") : null, num(m, "brakeAfter"),
                num(m, "brakePercent"), str(m, "pausedBecause"), num(m, "brakeTrippedAtFailures"), cap);
    }

    private static List<Attempt> attempts(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("earlier");
        if (value == null || !value.hasL()) {
            return List.of();
        }
        List<Attempt> attempts = new ArrayList<>();
        for (AttributeValue entry : value.l()) {
            Map<String, AttributeValue> m = entry.m();
            String kind = str(m, "failureKind");
            String exit = m.containsKey("exitCode") ? m.get("exitCode").n() : null;
            attempts.add(new Attempt(num(m, "number"), BotState.valueOf(str(m, "state")), str(m, "taskArn"),
                    time(m, "launchedAt"), time(m, "finishedAt"), str(m, "lastStatus"), str(m, "stopCode"),
                    exit == null ? null : Integer.valueOf(exit), str(m, "syncStatus"), str(m, "reason"),
                    kind == null ? null : FailureKind.valueOf(kind), str(m, "retriedBy")));
        }
        return List.copyOf(attempts);
    }

    /** Runs stored before tallies were kept have none: their pages count the bots instead. */
    private static RunTally tally(Map<String, AttributeValue> item) {
        AttributeValue value = item.get("tally");
        if (value == null || !value.hasM()) {
            return RunTally.NONE;
        }
        Map<String, AttributeValue> m = value.m();
        return new RunTally(num(m, "succeeded"), num(m, "failed"), num(m, "cancelled"), num(m, "inFlight"),
                num(m, "queued"), num(m, "skipped"));
    }

    private static int num(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? 0 : Integer.parseInt(value.n());
    }

    static Map<String, AttributeValue> bot(String partition, RunBot bot) {
        return new Item().s("PK", partition).s("SK", "BOT#" + bot.pk() + "#" + bot.sk())
                .s("pk", bot.pk()).s("sk", bot.sk()).s("botId", bot.botId()).s("title", bot.title())
                .s("state", bot.state().name()).n("attempt", bot.attempt()).n("launchTry", bot.launchTry())
                .s("clientToken", bot.clientToken()).s("taskArn", bot.taskArn())
                .s("lastStatus", bot.lastStatus()).s("stopCode", bot.stopCode()).n("exitCode", bot.exitCode())
                .s("syncStatus", bot.syncStatus()).s("syncStatusReason", bot.syncStatusReason())
                .s("reason", bot.reason())
                .s("failureKind", bot.failureKind() == null ? null : bot.failureKind().name())
                .time("queuedAt", bot.queuedAt()).time("launchedAt", bot.launchedAt())
                .time("startedAt", bot.startedAt()).time("finishedAt", bot.finishedAt())
                .time("nextTryAt", bot.nextTryAt()).s("stopReason", bot.stopReason()).attempts(bot.earlier())
                .s("queuedSyncStatus", bot.queuedSyncStatus()).s("queuedExecId", bot.queuedExecId())
                .n("sources", bot.sources() == RunBot.SOURCES_UNKNOWN ? null : bot.sources()).values;
    }

    static RunBot toBot(Map<String, AttributeValue> item) {
        String kind = str(item, "failureKind");
        String exit = item.containsKey("exitCode") ? item.get("exitCode").n() : null;
        return new RunBot(str(item, "pk"), str(item, "sk"), str(item, "botId"), str(item, "title"),
                BotState.valueOf(str(item, "state")), Integer.parseInt(item.get("attempt").n()),
                Integer.parseInt(item.get("launchTry").n()), str(item, "clientToken"), str(item, "taskArn"),
                str(item, "lastStatus"), str(item, "stopCode"), exit == null ? null : Integer.valueOf(exit),
                str(item, "syncStatus"), str(item, "syncStatusReason"), str(item, "reason"),
                kind == null ? null : FailureKind.valueOf(kind), time(item, "queuedAt"),
                time(item, "launchedAt"), time(item, "startedAt"), time(item, "finishedAt"),
                time(item, "nextTryAt"), str(item, "stopReason"), attempts(item), str(item, "queuedSyncStatus"),
                str(item, "queuedExecId"), item.containsKey("sources") ? num(item, "sources") : RunBot.SOURCES_UNKNOWN);
    }

    static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    static Instant time(Map<String, AttributeValue> item, String name) {
        String value = str(item, name);
        return value == null ? null : Instant.parse(value);
    }

    private static List<String> list(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? List.of() : value.l().stream().map(AttributeValue::s).toList();
    }

    private static final class Item {
        final Map<String, AttributeValue> values = new HashMap<>();

        Item s(String name, String value) {
            if (value != null) {
                values.put(name, AttributeValue.fromS(value));
            }
            return this;
        }

        Item n(String name, Integer value) {
            if (value != null) {
                values.put(name, AttributeValue.fromN(value.toString()));
            }
            return this;
        }

        Item decimal(String name, Double value) {
            if (value != null) {
                values.put(name, AttributeValue.fromN(java.math.BigDecimal.valueOf(value).toPlainString()));
            }
            return this;
        }

        Item bool(String name, boolean value) {
            values.put(name, AttributeValue.fromBool(value));
            return this;
        }

        Item time(String name, Instant value) {
            return s(name, value == null ? null : value.toString());
        }

        /** Earlier attempts; left out while there are none, so a first attempt's item stays as it was. */
        Item attempts(List<Attempt> attempts) {
            if (attempts.isEmpty()) {
                return this;
            }
            List<AttributeValue> list = new ArrayList<>();
            for (Attempt attempt : attempts) {
                list.add(AttributeValue.fromM(new Item().n("number", attempt.number()).s("state", attempt.state().name())
                        .s("taskArn", attempt.taskArn()).time("launchedAt", attempt.launchedAt())
                        .time("finishedAt", attempt.finishedAt()).s("lastStatus", attempt.lastStatus())
                        .s("stopCode", attempt.stopCode()).n("exitCode", attempt.exitCode())
                        .s("syncStatus", attempt.syncStatus()).s("reason", attempt.reason())
                        .s("failureKind", attempt.failureKind() == null ? null : attempt.failureKind().name())
                        .s("retriedBy", attempt.retriedBy()).values));
            }
            values.put("earlier", AttributeValue.fromL(list));
            return this;
        }

        Item list(String name, List<String> value) {
            values.put(name, AttributeValue.fromL(value.stream().map(AttributeValue::fromS).toList()));
            return this;
        }
    }
}
