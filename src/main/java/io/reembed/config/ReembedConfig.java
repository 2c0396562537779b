package io.reembed.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Every setting of the console, under the prefix {@code reembed}. docs/configuration.md lists them all. */
@ConfigMapping(prefix = "reembed")
public interface ReembedConfig {

    /** demo: the emulators of DynamoDB, ECS and the rest inside the app; aws: a real account. */
    Mode mode();

    /**
     * The Bedrock Chat CloudFormation stack whose outputs give the conversation table, cluster, task
     * definition, subnets and security group; every explicit setting below wins over it.
     */
    @WithDefault("BedrockChatStack")
    String stackName();

    /** The Bedrock Chat conversation table; the stack's output DatabaseConversationTableName... when absent. */
    Optional<String> tableName();

    Preflight preflight();

    Logs logs();

    /** The end of each task's log, kept with the run (docs/user-guide.md, Task logs). */
    interface Logs {
        /** Lines kept of each task's log end. */
        @WithDefault("20")
        int tailLines();

        /** At most this many bytes of them (UTF-8), the oldest dropped first. */
        @WithDefault("6000")
        int tailBytes();

        /**
         * GetLogEvents calls per second at most, over the console. CloudWatch Logs allows 25 per
         * account and region (not adjustable), shared with every other reader.
         */
        @WithDefault("10")
        double readRate();

        /** Wait after a task ends before its log is read: events arrive a few seconds late. */
        @WithDefault("5s")
        Duration firstReadDelay();

        /** Reads of a log not there yet before the console says so. */
        @WithDefault("4")
        int attempts();

        /** How often an opened row of a running task asks for new lines. */
        @WithDefault("2s")
        Duration livePollInterval();
    }

    /** The checks made before anything is launched (docs/user-guide.md, Preflight). */
    interface Preflight {
        /** How long check results are kept before AWS is asked again. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** "Check again" and "Read the stack again" run at most this often, whoever asks (about ten AWS calls each). */
        @WithDefault("5s")
        Duration minCheckInterval();
    }

    /** The lease that lets one copy of the console drive runs; the others serve pages and pass commands on. */
    interface Lease {
        /** Off: this copy drives runs whatever other copies do (one copy only, as before leases). */
        @WithDefault("true")
        boolean enabled();

        /**
         * How long a lease lasts unrenewed; renewed every third of it; another copy takes over after it
         * (a dead copy's runs are driven again within this and a third of it).
         */
        @WithDefault("6s")
        Duration duration();

        /** This copy's name in the lease, the pages and the logs; the host name and a random suffix when absent. */
        Optional<String> copyName();

        /** How long a copy that does not drive runs waits for the driving copy to apply a command it passed on. */
        @WithDefault("5s")
        Duration requestWait();
    }

    /** Finding bots whose SyncStatus says RUNNING or QUEUED while ECS says otherwise (docs/user-guide.md, Stuck bots). */
    interface Stuck {
        /** Whether the bot list asks ECS about RUNNING and QUEUED bots at all. */
        @WithDefault("true")
        boolean enabled();

        /** How long a check's answer is used before ECS is asked again. */
        @WithDefault("1m")
        Duration cacheTtl();

        /**
         * A QUEUED bot with no task ECS knows, or whose last task stopped, counts as stuck once the
         * console has seen it so this long: a bot edited a moment ago waits for its task that long.
         */
        @WithDefault("10m")
        Duration queuedAfter();

        /** A bot whose task is still running this long after it started counts as stuck (hung). */
        @WithDefault("6h")
        Duration runningLongerThan();
    }

    Stuck stuck();

    /** The estimate on the confirmation page, in dry runs and beside each run's actual figures (docs/user-guide.md, Estimate). */
    interface Estimate {
        /** Fargate price per vCPU-hour in US dollars; with gb-hour-usd, overrides the console's price table. */
        Optional<Double> vcpuHourUsd();

        /** Fargate price per GB-hour of memory in US dollars. */
        Optional<Double> gbHourUsd();

        /** A task's expected duration while earlier runs have fewer than five successful tasks to learn from. */
        @WithDefault("5m")
        Duration defaultTaskDuration();

        /** How many of the latest runs task durations are learnt from. */
        @WithDefault("20")
        int historyRuns();
    }

    Estimate estimate();

    Aws aws();

    Catalog catalog();

    Demo demo();

    Ecs ecs();

    Runs runs();

    Auth auth();

    Http http();

    @WithName("notify")
    Notify notifications();

    /** Where run events go (docs/operations.md, Notifications): each channel is optional, any combination. */
    interface Notify {
        /** The EventBridge bus (name or ARN) that receives every run event; none when absent. */
        Optional<String> eventBus();

        /** The SNS topic that receives every run event as a message a person reads; none when absent. */
        Optional<String> snsTopicArn();

        /** An https URL that receives every run event as JSON (Slack-compatible "text"), signed; none when absent. */
        Optional<URI> webhookUrl();

        /** The key of the webhook's HMAC-SHA256 signature (X-Reembed-Signature); unsigned when absent. */
        Optional<String> webhookSecret();

        /** Lets the webhook's host name resolve to a private, loopback or link-local address (refused otherwise). */
        @WithDefault("false")
        boolean webhookAllowPrivate();

        /** The console's address as people reach it (https://console.example.com): events link to the run's page. */
        Optional<URI> consoleUrl();

        /** A run in which no bot changed state for this long while bots wait gets a "no progress" event. */
        @WithDefault("15m")
        Duration stalledAfter();

        /** How long an event is offered again to a channel that fails (throttled, 5xx, timed out) before giving up. */
        @WithDefault("24h")
        Duration giveUpAfter();

        /** The wait before an event is offered again to a channel that failed; it doubles with each try, up to 5 min. */
        @WithDefault("1s")
        Duration firstRetryWait();

        /** How often the copy that drives runs looks for events to deliver. */
        @WithDefault("2s")
        Duration interval();
    }

    /** How the console is reached. */
    interface Http {
        /**
         * Host names the console answers to in aws mode (the load balancer's name, say); a request
         * for any other Host gets 421. Every name when absent. The demo answers to the loopback only.
         */
        Optional<List<String>> allowedHosts();
    }

    /** Who may use the console outside the demo. docs/security.md explains each option. */
    interface Auth {
        /** The built-in administrator's password (environment variable REEMBED_ADMIN_PASSWORD). */
        Optional<String> adminPassword();

        /** Or a PBKDF2 hash of it, made with {@code io.reembed.security.PasswordHash}. */
        Optional<String> adminPasswordHash();

        /** Role (OIDC group) that may launch, cancel and retry. The built-in administrator has it. */
        @WithDefault("reembed-operator")
        String operatorRole();

        /** Role (OIDC group) that may only look. */
        @WithDefault("reembed-viewer")
        String viewerRole();

        /**
         * Audiences an OIDC token must be for (its aud, azp or, as Cognito access tokens have no aud,
         * client_id claim); the console's own client id when absent, so tokens other apps of the
         * same user pool obtained are refused.
         */
        Optional<List<String>> tokenAudiences();

        /** Failed logins (per client address, and per user) within login-window before further tries get 429. */
        @WithDefault("10")
        int maxFailedLogins();

        @WithDefault("15m")
        Duration loginWindow();

        /** The HTTP permission policy of every page: permit in the demo, authenticated otherwise. */
        @WithDefault("authenticated")
        String httpPolicy();
    }

    /** The ECS emulator of the demo mode, served at /local/ecs. */
    EcsEmulator ecsEmulator();

    enum Mode {
        DEMO, AWS;

        public String label() {
            return name().toLowerCase();
        }
    }

    interface Aws {
        /** Region for every client; the SDK's default region chain when absent. */
        Optional<String> region();

        Endpoints endpoints();

        interface Endpoints {
            Optional<URI> dynamodb();

            Optional<URI> ecs();

            Optional<URI> sts();

            Optional<URI> cloudformation();

            Optional<URI> ec2();

            Optional<URI> servicequotas();

            Optional<URI> logs();

            Optional<URI> sns();

            Optional<URI> eventbridge();
        }
    }

    interface Catalog {
        /** The sparse local secondary index that holds bots and aliases only. */
        @WithDefault("LastBotUsedIndex")
        String index();

        /** index: read the sparse index (falls back to a table scan when it is missing); scan: always scan the table. */
        @WithDefault("index")
        Source source();

        /** How long a loaded bot list is served before the table is read again. */
        @WithDefault("30s")
        Duration cacheTtl();

        /** "Read the table again" re-reads the whole table: at most once per this interval, whoever asks. */
        @WithDefault("5s")
        Duration minRefreshInterval();

        @WithDefault("50")
        int pageSize();

        /** Parallel scan segments when reading the bots; 1 reads sequentially. */
        @WithDefault("4")
        int scanSegments();

        enum Source {
            INDEX, SCAN
        }
    }

    interface Demo {
        /** Where the DynamoDB emulator keeps its journal; in memory when absent. */
        Optional<Path> dataDir();

        /** The demo has no login: it refuses to listen beyond the loopback unless this is true. */
        @WithDefault("false")
        boolean allowRemote();

        /** The access key (and secret) the SDK clients sign with in the demo: the emulators take any. */
        @WithDefault("demo")
        String accessKey();

        Seed seed();

        /** Breaks one thing of the demo's emulated account, to see preflight turn red; nothing when absent. */
        Optional<DemoFault> fault();

        enum DemoFault {
            /** The stack has no EmbeddingClusterName... output. */
            MISSING_OUTPUT,
            /** The stack's PrivateSubnetId1 names a subnet that does not exist. */
            WRONG_SUBNET,
            /** The embedding task definition is INACTIVE (deregistered). */
            INACTIVE_TASK_DEFINITION
        }

        interface Seed {
            @WithDefault("60")
            int bots();

            @WithDefault("12")
            int users();

            @WithDefault("30")
            int conversationsPerUser();
        }
    }

    interface Runs {
        /** The console's own table of runs; created when missing. The conversation table is never written. */
        @WithDefault("reembed-console-runs")
        String tableName();

        /** RunTask calls per second at most (Fargate allows 20 per account and region). */
        @WithDefault("20")
        double runTaskRate();

        /**
         * StopTask calls per second at most (cancelling a run, stopping a stuck task). ECS throttles
         * StopTask per account and region; 20 per second stays under its sustained rate.
         */
        @WithDefault("20")
        double stopTaskRate();

        /** Tries of one StopTask (and of the search for unrecorded tasks) when throttled or unanswered. */
        @WithDefault("5")
        int stopAttempts();

        /** Tasks launching or running at once, over all runs; the rest wait QUEUED. */
        @WithDefault("50")
        int maxInFlight();

        /** RunTask calls under way at once (each takes a round trip to ECS). */
        @WithDefault("8")
        int launchWorkers();

        /** How often the one tracker asks ECS about tasks in flight. */
        @WithDefault("2s")
        Duration pollInterval();

        /** How often a run's open page is sent what changed (its update stream's tick). */
        @WithDefault("1s")
        Duration pageUpdateInterval();

        /** How long a new task may be unknown to DescribeTasks (MISSING) before it counts as lost. */
        @WithDefault("60s")
        Duration missingGrace();

        /** A task not RUNNING this long after its launch is stopped and marked failed. */
        @WithDefault("10m")
        Duration startTimeout();

        /** Wait before a bot refused for capacity is launched again. */
        @WithDefault("5s")
        Duration capacityBackoff();

        /** First wait after a throttled or unanswered RunTask; doubles up to max-backoff. */
        @WithDefault("1s")
        Duration throttleBackoff();

        @WithDefault("30s")
        Duration maxBackoff();

        /**
         * New attempts the engine makes by itself for a bot whose task failed for a transient kind
         * (capacity, throttled, start, interrupted, lost); 0 turns automatic retry off.
         */
        @WithDefault("2")
        int autoRetries();

        /** Wait before an automatic retry; doubles for each further one of the same bot. */
        @WithDefault("30s")
        Duration autoRetryBackoff();

        /** Which copy drives runs when more than one runs against the same runs table (docs/operations.md, Two copies). */
        Lease lease();

        /** How long a confirmed-but-not-launched selection is kept. */
        @WithDefault("15m")
        Duration draftTtl();
    }

    /**
     * Where and how embedding tasks are launched. Each value absent here comes from the stack's
     * outputs (named below) or, for the last two, from the default docs/configuration.md gives.
     */
    interface Ecs {
        /** Cluster name or ARN (output EmbeddingClusterName...). */
        Optional<String> cluster();

        /** Task definition family, family:revision or ARN (output EmbeddingTaskDefinitionName...). */
        Optional<String> taskDefinition();

        /** The embedding container of the task definition; Container when absent. */
        Optional<String> containerName();

        /** Subnet ids (outputs PrivateSubnetId0, PrivateSubnetId1, ...). */
        Optional<List<String>> subnets();

        /** Security group ids (output EmbeddingTaskSecurityGroupId...). */
        Optional<List<String>> securityGroups();

        /** ENABLED (the default) as the reference script does; the stack's own trigger uses DISABLED. */
        Optional<String> assignPublicIp();
    }

    interface EcsEmulator {
        /** Multiplies every simulated duration: 1.0 is Fargate-like (about a minute a task). */
        @WithDefault("0.5")
        double timeScale();

        /** How often simulated tasks move on. */
        @WithDefault("100ms")
        Duration tick();

        /** Account id in the emulator's ARNs. */
        @WithDefault("123456789012")
        String account();

        @WithDefault("bedrock-chat-demo")
        String cluster();

        @WithDefault("bedrock-chat-demo-embedding")
        String taskDefinitionFamily();

        /** RunTask calls per second (bucket size and refill), as Fargate's API limit. */
        @WithDefault("20")
        int runTaskRate();

        /** Fargate task launches: a bucket of this size... */
        @WithDefault("100")
        int launchBurst();

        /** ...refilled at this rate per second. */
        @WithDefault("20")
        int launchRate();

        /** DescribeTasks and ListTasks: a bucket of this size... */
        @WithDefault("50")
        int describeBurst();

        /** ...refilled at this rate per second. */
        @WithDefault("20")
        int describeRate();

        /** StopTask calls per second (bucket size and refill); beyond it, ThrottlingException. */
        @WithDefault("20")
        int stopTaskRate();

        /** Tasks not yet stopped beyond which RunTask answers with a vCPU-limit failure; 0 for no limit. */
        @WithDefault("30")
        int maxConcurrentTasks();

        /** How long after RunTask DescribeTasks still reports the task MISSING (eventual consistency). */
        @WithDefault("2s")
        Duration missingWindow();

        /** How long a stopped task stays describable. */
        @WithDefault("1h")
        Duration retention();

        /** CloudWatch Logs reads (GetLogEvents, FilterLogEvents, DescribeLogStreams) per second: bucket size and refill. */
        @WithDefault("25")
        int logsReadRate();

        /** How long a log event takes to become readable after the container wrote it (scaled by time-scale). */
        @WithDefault("4s")
        Duration logsIngestionDelay();

        /** Fraction of tasks that never leave PROVISIONING. */
        @WithDefault("0")
        double stuckFraction();

        /** Fraction of embeddings that fail at random (the script catches it: FAILED, exit code 0). */
        @WithDefault("0")
        double failureRate();

        @WithDefault("42")
        long randomSeed();
    }
}
