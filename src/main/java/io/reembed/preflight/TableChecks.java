package io.reembed.preflight;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import io.reembed.runs.engine.RunEngine;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** DynamoDB DescribeTable on the conversation table (and its bot index) and on the console's runs table. */
@ApplicationScoped
class TableChecks {

    static final String CONVERSATION_TABLE = "conversation-table";
    static final String RUNS_TABLE = "runs-table";

    private final DynamoDbClient dynamo;
    private final ReembedConfig config;
    private final RunEngine engine;

    TableChecks(DynamoDbClient dynamo, ReembedConfig config, RunEngine engine) {
        this.dynamo = dynamo;
        this.config = config;
        this.engine = engine;
    }

    Check conversationTable(Optional<String> name) {
        String title = "Conversation table";
        if (name.isEmpty()) {
            return Check.unknown(CONVERSATION_TABLE, title, "not checked: the table is not known", "See Settings.");
        }
        String index = config.catalog().index();
        try {
            TableDescription table = dynamo.describeTable(b -> b.tableName(name.get())).table();
            if (table.tableStatus() != TableStatus.ACTIVE && table.tableStatus() != TableStatus.UPDATING) {
                return Check.fail(CONVERSATION_TABLE, title, name.get() + " is " + table.tableStatusAsString(),
                        "Wait until the table is ACTIVE.");
            }
            List<LocalSecondaryIndexDescription> indexes = table.localSecondaryIndexes();
            String size = name.get() + " is " + table.tableStatusAsString() + ", about " + io.reembed.text.Words.count(table.itemCount(), "item");
            if (indexes.stream().noneMatch(lsi -> index.equals(lsi.indexName()))) {
                return Check.warn(CONVERSATION_TABLE, title, size + "; it has no index " + index,
                        "Bots are listed by scanning the whole table, which is slower and reads every conversation.");
            }
            return Check.pass(CONVERSATION_TABLE, title, size + ", with the bot index " + index);
        } catch (ResourceNotFoundException e) {
            return Check.fail(CONVERSATION_TABLE, title, "DynamoDB: " + CheckErrors.describe(e),
                    "Check the region (reembed.aws.region) and reembed.table-name, or the stack's output.");
        } catch (SdkException e) {
            return CheckErrors.couldNotCheck(CONVERSATION_TABLE, title, "dynamodb:DescribeTable", e);
        }
    }

    Check runsTable() {
        String title = "Runs table";
        String name = config.runs().tableName();
        Optional<String> engineProblem = engine.startFailure();
        try {
            TableDescription table = dynamo.describeTable(b -> b.tableName(name)).table();
            if (engineProblem.isPresent()) {
                return Check.fail(RUNS_TABLE, title, name + " is " + table.tableStatusAsString()
                        + ", but the run engine did not start: " + engineProblem.get(), "See the console's log.");
            }
            return Check.pass(RUNS_TABLE, title, name + " is " + table.tableStatusAsString() + ", "
                    + io.reembed.text.Words.count(table.itemCount(), "item"));
        } catch (ResourceNotFoundException e) {
            return engineProblem.isPresent()
                    ? Check.fail(RUNS_TABLE, title, name + " does not exist and could not be created: "
                            + engineProblem.get(), "Allow dynamodb:CreateTable on it, or create it (docs/deploying.md).")
                    : Check.pass(RUNS_TABLE, title, name + " does not exist yet: the engine creates it");
        } catch (SdkException e) {
            return CheckErrors.couldNotCheck(RUNS_TABLE, title, "dynamodb:DescribeTable", e);
        }
    }
}
