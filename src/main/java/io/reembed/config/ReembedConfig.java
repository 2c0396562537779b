package io.reembed.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Every setting of the console, under the prefix {@code reembed}. README lists them all. */
@ConfigMapping(prefix = "reembed")
public interface ReembedConfig {

    /** demo: DynamoDB Local and the ECS emulator inside the app; aws: a real account. */
    Mode mode();

    /** The Bedrock Chat conversation table (CloudFormation output DatabaseConversationTableName...). */
    String tableName();

    Aws aws();

    Catalog catalog();

    Demo demo();

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

        @WithDefault("50")
        int pageSize();

        enum Source {
            INDEX, SCAN
        }
    }

    interface Demo {
        /** Where DynamoDB Local keeps its files; in memory when absent. */
        Optional<Path> dataDir();

        /** Port of the in-process DynamoDB Local; 0 picks a free one. */
        @WithDefault("0")
        int dynamodbPort();

        Seed seed();

        interface Seed {
            @WithDefault("60")
            int bots();

            @WithDefault("12")
            int users();

            @WithDefault("30")
            int conversationsPerUser();
        }
    }
}
