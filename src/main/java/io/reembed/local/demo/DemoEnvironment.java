package io.reembed.local.demo;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.runtime.StartupEvent;
import io.reembed.config.ReembedConfig;
import io.reembed.local.dynamodb.DemoDynamoDb;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.reembed.local.ConversationTableSchema;
import io.reembed.local.DemoModeConfigSourceFactory;
import io.reembed.local.DemoDataSet;

/**
 * Prepares the demo's DynamoDB before anything reads from it: the conversation table created and
 * seeded on first start, through the emulator's in-process client (the HTTP server that serves
 * /local/dynamodb is not listening yet).
 */
@ApplicationScoped
public class DemoEnvironment {

    /** Observers of StartupEvent with a higher priority value run after this one. */
    public static final int STARTUP_PRIORITY = 10;

    private static final Logger LOG = Logger.getLogger(DemoEnvironment.class);

    private final ReembedConfig config;
    private final DemoDynamoDb demoDynamoDb;

    public DemoEnvironment(ReembedConfig config, DemoDynamoDb demoDynamoDb) {
        this.config = config;
        this.demoDynamoDb = demoDynamoDb;
    }

    void start(@Observes @Priority(STARTUP_PRIORITY) StartupEvent event) {
        if (config.mode() != ReembedConfig.Mode.DEMO) {
            return;
        }
        long started = System.nanoTime();
        String table = DemoModeConfigSourceFactory.DEMO_TABLE;
        try (DynamoDbClient dynamo = demoDynamoDb.inProcessClient()) {
            if (ConversationTableSchema.exists(dynamo, table)) {
                LOG.infof("Demo table %s kept from the last run", table);
            } else {
                ConversationTableSchema.create(dynamo, table, true);
                ReembedConfig.Demo.Seed seed = config.demo().seed();
                DemoDataSet.Items data = DemoDataSet.generate(seed.bots(), seed.users(), seed.conversationsPerUser());
                TableWriter.putAll(dynamo, table, data.items());
                LOG.infof("Demo table %s created: %d bots, %d aliases, %d conversations", table,
                        data.counts().bots(), data.counts().aliases(), data.counts().conversations());
            }
        }
        LOG.infof("Demo environment ready in %d ms", (System.nanoTime() - started) / 1_000_000);
    }
}
