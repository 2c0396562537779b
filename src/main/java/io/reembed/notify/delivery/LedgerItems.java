package io.reembed.notify.delivery;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/** The channels' ledgers, one item per run and channel in the NOTIFY partition of the runs table. */
@ApplicationScoped
public class LedgerItems {

    private static final String PARTITION = "NOTIFY";

    private final DynamoDbClient dynamo;
    private final String table;

    public LedgerItems(DynamoDbClient dynamo, ReembedConfig config) {
        this.dynamo = dynamo;
        this.table = config.runs().tableName();
    }

    public Ledger find(String runId, String channel) {
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(key(runId, channel))).item();
        return item == null || item.isEmpty() ? Ledger.fresh(runId, channel) : ledger(item);
    }

    /** Every channel's ledger of one run, by channel. */
    public Map<String, Ledger> ofRun(String runId) {
        QueryRequest request = QueryRequest.builder().tableName(table)
                .keyConditionExpression("PK = :p AND begins_with(SK, :run)")
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(PARTITION),
                        ":run", AttributeValue.fromS(runId + "#")))
                .consistentRead(true).build();
        Map<String, Ledger> ledgers = new HashMap<>();
        dynamo.queryPaginator(request).items().forEach(item -> {
            Ledger ledger = ledger(item);
            ledgers.put(ledger.channel(), ledger);
        });
        return ledgers;
    }

    /** Stores the ledger if nobody wrote it since it was read; false when someone did (another copy). */
    public boolean save(Ledger ledger) {
        Map<String, AttributeValue> item = new HashMap<>(key(ledger.runId(), ledger.channel()));
        item.put("next", number(ledger.next()));
        item.put("tries", number(ledger.tries()));
        if (ledger.firstTry() != null) {
            item.put("firstTry", AttributeValue.fromS(ledger.firstTry().toString()));
            item.put("nextTry", AttributeValue.fromS(ledger.nextTry().toString()));
            item.put("problem", AttributeValue.fromS(ledger.problem()));
        }
        Map<String, AttributeValue> delivered = new HashMap<>();
        ledger.delivered().forEach((index, at) -> delivered.put(index.toString(), AttributeValue.fromS(at.toString())));
        item.put("delivered", AttributeValue.fromM(delivered));
        Map<String, AttributeValue> gaveUp = new HashMap<>();
        ledger.gaveUp().forEach((index, why) -> gaveUp.put(index.toString(), AttributeValue.fromS(why)));
        item.put("gaveUp", AttributeValue.fromM(gaveUp));
        item.put("settled", AttributeValue.fromBool(ledger.settled()));
        item.put("revision", number(ledger.revision() + 1));
        try {
            dynamo.putItem(b -> b.tableName(table).item(item)
                    .conditionExpression(ledger.revision() == 0 ? "attribute_not_exists(PK)" : "revision = :r")
                    .expressionAttributeValues(ledger.revision() == 0 ? null
                            : Map.of(":r", number(ledger.revision()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Ledger ledger(Map<String, AttributeValue> item) {
        String[] key = item.get("SK").s().split("#", 2);
        Map<Integer, Instant> delivered = new HashMap<>();
        item.getOrDefault("delivered", AttributeValue.fromM(Map.of())).m()
                .forEach((index, at) -> delivered.put(Integer.valueOf(index), Instant.parse(at.s())));
        Map<Integer, String> gaveUp = new HashMap<>();
        item.getOrDefault("gaveUp", AttributeValue.fromM(Map.of())).m()
                .forEach((index, why) -> gaveUp.put(Integer.valueOf(index), why.s()));
        return new Ledger(key[0], key[1], Integer.parseInt(item.get("next").n()), Integer.parseInt(item.get("tries").n()),
                time(item, "firstTry"), time(item, "nextTry"), item.containsKey("problem") ? item.get("problem").s() : null,
                Map.copyOf(delivered), Map.copyOf(gaveUp), item.containsKey("settled") && item.get("settled").bool(),
                Long.parseLong(item.get("revision").n()));
    }

    private static Instant time(Map<String, AttributeValue> item, String name) {
        return item.containsKey(name) ? Instant.parse(item.get(name).s()) : null;
    }

    private static Map<String, AttributeValue> key(String runId, String channel) {
        return Map.of("PK", AttributeValue.fromS(PARTITION), "SK", AttributeValue.fromS(runId + "#" + channel));
    }

    private static AttributeValue number(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
