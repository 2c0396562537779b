package io.reembed.estimate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.reembed.config.ReembedConfig;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The estimate each run was launched with, one item beside the run in the runs table
 * ({@code ESTIMATE#<run id>}), so that its page can set the actual figures beside it. The latest
 * ones are kept in memory too: a live run's page asks every second.
 */
@ApplicationScoped
public class EstimateStore {

    private static final int REMEMBERED = 200;

    private final DynamoDbClient dynamo;
    private final String table;
    private final ObjectMapper json;
    private final Map<String, Optional<Estimate>> recent = Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Optional<Estimate>> eldest) {
                    return size() > REMEMBERED;
                }
            });

    public EstimateStore(DynamoDbClient dynamo, ReembedConfig config, ObjectMapper json) {
        this.dynamo = dynamo;
        this.table = config.runs().tableName();
        this.json = json;
    }

    public void save(String runId, Estimate estimate) {
        String text;
        try {
            text = json.writeValueAsString(estimate);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An estimate could not be written as JSON", e);
        }
        dynamo.putItem(b -> b.tableName(table).item(Map.of("PK", AttributeValue.fromS(key(runId)),
                "SK", AttributeValue.fromS("ESTIMATE"), "estimate", AttributeValue.fromS(text))));
        recent.put(runId, Optional.of(estimate));
    }

    /** The run's estimate; empty for runs launched before estimates were kept. */
    public Optional<Estimate> find(String runId) {
        Optional<Estimate> known = recent.get(runId);
        if (known != null) {
            return known;
        }
        Map<String, AttributeValue> item = dynamo.getItem(b -> b.tableName(table).consistentRead(true)
                .key(Map.of("PK", AttributeValue.fromS(key(runId)), "SK", AttributeValue.fromS("ESTIMATE")))).item();
        Optional<Estimate> found = Optional.empty();
        if (item != null && item.containsKey("estimate")) {
            try {
                found = Optional.of(json.readValue(item.get("estimate").s(), Estimate.class));
            } catch (JsonProcessingException e) {
                found = Optional.empty();
            }
        }
        recent.put(runId, found);
        return found;
    }

    private static String key(String runId) {
        return "ESTIMATE#" + runId;
    }
}
