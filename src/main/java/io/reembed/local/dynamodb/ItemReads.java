package io.reembed.local.dynamodb;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;
import io.reembed.local.dynamodb.data.ValueJson;
import io.reembed.local.dynamodb.expression.Ast;
import io.reembed.local.dynamodb.expression.Documents;
import io.reembed.local.dynamodb.expression.Evaluator;
import io.reembed.local.dynamodb.expression.ExpressionInput;
import io.reembed.local.dynamodb.expression.Parser;
import io.reembed.local.dynamodb.expression.Path;

/**
 * Query and Scan: the items of a table or index in DynamoDB's order, read page by page. A page
 * ends after {@code Limit} items read or 1 MB read (before the filter, as DynamoDB counts), and
 * then names the last item read as LastEvaluatedKey.
 */
final class ItemReads {

    static final long PAGE_BYTES = 1024 * 1024;
    private static final Set<String> SELECTS = Set.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES",
            "SPECIFIC_ATTRIBUTES", "COUNT");

    /** What one Query or Scan reads from: a table, or one of its indexes. */
    private record Source(Table table, TableDefinition.IndexDefinition index, ItemStore store) {
        /** The item as the source holds it: an index keeps only its projected attributes. */
        Map<String, Value> stored(Map<String, Value> item) {
            if (index == null || index.projectionType().equals("ALL")) {
                return item;
            }
            Map<String, Value> projected = new LinkedHashMap<>();
            List<String> kept = new ArrayList<>(table.definition().key().attributes());
            kept.addAll(index.key().attributes());
            if (index.projectionType().equals("INCLUDE")) {
                kept.addAll(index.nonKeyAttributes());
            }
            for (String attribute : kept) {
                if (item.containsKey(attribute)) {
                    projected.put(attribute, item.get(attribute));
                }
            }
            return projected;
        }

        /** LastEvaluatedKey: the source's key, and for an index the table's key too. */
        Map<String, Value> keyOf(Map<String, Value> item) {
            Map<String, Value> key = new LinkedHashMap<>();
            store.key().attributes().forEach(attribute -> key.put(attribute, item.get(attribute)));
            table.definition().key().attributes().forEach(attribute -> key.put(attribute, item.get(attribute)));
            return key;
        }
    }

    private ItemReads() {
    }

    static ObjectNode query(Table table, ObjectNode request) {
        Requests.refuseLegacy(request, "KeyConditions", "QueryFilter", "AttributesToGet", "ConditionalOperator");
        Source source = source(table, request);
        ExpressionInput input = Requests.expressionInput(request);
        String keyExpression = Requests.text(request, "KeyConditionExpression");
        if (keyExpression == null) {
            throw DynamoDbException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        KeyCondition key = KeyCondition.of(Parser.condition(keyExpression, "KeyConditionExpression", input),
                source.store().key(), table.definition().attributeTypes());
        Ast.Condition filter = filter(request, input);
        if (filter != null) {
            for (String attribute : source.store().key().attributes()) {
                if (mentions(filter, attribute)) {
                    throw DynamoDbException.validation("Filter Expression can only contain non-primary key attributes: "
                            + "Primary key attribute: " + attribute);
                }
            }
        }
        List<Path> projection = projection(request, input);
        input.requireAllUsed();
        Map<String, Value> start = exclusiveStart(source, request);
        boolean forward = !request.has("ScanIndexForward") || Requests.bool(request, "ScanIndexForward");
        Iterator<Map<String, Value>> items;
        try {
            items = source.store().partition(key.hash(), key.from(), key.to(),
                    start == null ? null : source.store().position(start), forward);
        } catch (IllegalArgumentException e) {
            throw DynamoDbException.validation("The provided starting key is outside query boundaries based on provided conditions");
        }
        if (start != null && !start.get(source.store().key().hash()).equals(key.hash())) {
            throw DynamoDbException.validation("The provided starting key is outside query boundaries based on provided conditions");
        }
        return page(source, request, key.filtered(items), filter, projection);
    }

    static ObjectNode scan(Table table, ObjectNode request) {
        Requests.refuseLegacy(request, "ScanFilter", "AttributesToGet", "ConditionalOperator");
        Source source = source(table, request);
        ExpressionInput input = Requests.expressionInput(request);
        Ast.Condition filter = filter(request, input);
        List<Path> projection = projection(request, input);
        input.requireAllUsed();
        Integer segment = Requests.integer(request, "Segment");
        Integer total = Requests.integer(request, "TotalSegments");
        if (segment != null && total == null) {
            throw DynamoDbException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when Segment parameter is present");
        }
        if (total != null && segment == null) {
            throw DynamoDbException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        long from = 0;
        long to = ItemStore.HASH_SPACE;
        if (total != null) {
            if (total < 1 || total > 1_000_000) {
                throw DynamoDbException.validation("1 validation error detected: Value '" + total
                        + "' at 'totalSegments' failed to satisfy constraint: Member must have value less than or "
                        + "equal to 1000000 and greater than or equal to 1");
            }
            if (segment < 0) {
                throw DynamoDbException.validation("1 validation error detected: Value '" + segment
                        + "' at 'segment' failed to satisfy constraint: Member must have value greater than or equal to 0");
            }
            if (segment >= total) {
                throw DynamoDbException.validation("The Segment parameter is zero-based and must be less than parameter "
                        + "TotalSegments: Segment: " + segment + " is not less than TotalSegments: " + total);
            }
            from = ItemStore.HASH_SPACE * segment / total;
            to = ItemStore.HASH_SPACE * (segment + 1) / total;
        }
        Map<String, Value> start = exclusiveStart(source, request);
        if (start != null) {
            long hash = ItemStore.hash(start.get(source.store().key().hash()));
            if (hash < from || hash >= to) {
                throw DynamoDbException.validation("The provided Exclusive start key does not map to the provided segment");
            }
        }
        return page(source, request, source.store().scan(from, to, start), filter, projection);
    }

    private static Source source(Table table, ObjectNode request) {
        String indexName = Requests.text(request, "IndexName");
        boolean consistent = Requests.bool(request, "ConsistentRead");
        if (indexName == null) {
            return new Source(table, null, table.items());
        }
        TableDefinition.IndexDefinition index = table.definition().index(indexName).orElseThrow(() ->
                DynamoDbException.validation("The table does not have the specified index: " + indexName));
        if (index.global() && consistent) {
            throw DynamoDbException.validation("Consistent reads are not supported on global secondary indexes");
        }
        return new Source(table, index, table.index(indexName));
    }

    private static Ast.Condition filter(ObjectNode request, ExpressionInput input) {
        String filter = Requests.text(request, "FilterExpression");
        return filter == null ? null : Parser.condition(filter, "FilterExpression", input);
    }

    private static List<Path> projection(ObjectNode request, ExpressionInput input) {
        String projection = Requests.text(request, "ProjectionExpression");
        return projection == null ? null : Parser.projection(projection, input);
    }

    private static Map<String, Value> exclusiveStart(Source source, ObjectNode request) {
        JsonNode node = request.get("ExclusiveStartKey");
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Value> start = ValueJson.item(node);
        Map<String, String> types = source.table().definition().attributeTypes();
        List<String> needed = new ArrayList<>(source.store().key().attributes());
        source.table().definition().key().attributes().stream().filter(a -> !needed.contains(a)).forEach(needed::add);
        if (start.size() != needed.size() || !start.keySet().containsAll(needed)
                || needed.stream().anyMatch(a -> !start.get(a).type().equals(types.get(a)))) {
            throw DynamoDbException.validation("The provided starting key is invalid: The provided key element does not match the schema");
        }
        return start;
    }

    private static ObjectNode page(Source source, ObjectNode request, Iterator<Map<String, Value>> items,
            Ast.Condition filter, List<Path> projection) {
        String select = select(source, request, projection);
        Integer limit = Requests.integer(request, "Limit");
        if (limit != null && limit < 1) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }
        ArrayNode found = JsonNodeFactory.instance.arrayNode();
        int scanned = 0;
        int count = 0;
        long bytes = 0;
        Map<String, Value> last = null;
        boolean full = false;
        while (items.hasNext()) {
            if (limit != null && scanned >= limit) {
                full = true;
                break;
            }
            Map<String, Value> item = items.next();
            Map<String, Value> stored = source.stored(item);
            scanned++;
            bytes += Value.itemSize(stored);
            last = item;
            if (filter == null || Evaluator.test(filter, stored)) {
                count++;
                if (!select.equals("COUNT")) {
                    Map<String, Value> shown = select.equals("ALL_ATTRIBUTES") ? item : stored;
                    found.add(ValueJson.write(projection == null ? shown : Documents.project(item, projection)));
                }
            }
            if (bytes >= PAGE_BYTES) {
                full = items.hasNext();
                break;
            }
        }
        if (limit != null && scanned >= limit) {
            full = true;
        }
        ObjectNode response = JsonNodeFactory.instance.objectNode();
        if (!select.equals("COUNT")) {
            response.set("Items", found);
        }
        response.put("Count", count);
        response.put("ScannedCount", scanned);
        if (full && last != null) {
            response.set("LastEvaluatedKey", ValueJson.write(source.keyOf(last)));
        }
        Capacity.add(response, request, source.table().definition().name(), Capacity.readUnits(bytes,
                Requests.bool(request, "ConsistentRead")));
        return response;
    }

    private static String select(Source source, ObjectNode request, List<Path> projection) {
        String select = Requests.text(request, "Select");
        if (select == null) {
            return projection != null ? "SPECIFIC_ATTRIBUTES"
                    : source.index() == null ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES";
        }
        if (!SELECTS.contains(select)) {
            throw DynamoDbException.validation("1 validation error detected: Value '" + select + "' at 'select' failed "
                    + "to satisfy constraint: Member must satisfy enum value set: " + SELECTS);
        }
        if (projection != null && !select.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoDbException.validation("Cannot specify the ProjectionExpression when choosing to get only the "
                    + (select.equals("COUNT") ? "Count" : select));
        }
        if (projection == null && select.equals("SPECIFIC_ATTRIBUTES")) {
            throw DynamoDbException.validation("Select type SPECIFIC_ATTRIBUTES requires a ProjectionExpression");
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && source.index() == null) {
            throw DynamoDbException.validation("ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
        if (select.equals("ALL_ATTRIBUTES") && source.index() != null && source.index().global()
                && !source.index().projectionType().equals("ALL")) {
            throw DynamoDbException.validation("One or more parameter values were invalid: Select type ALL_ATTRIBUTES "
                    + "is not supported for global secondary index " + source.index().name()
                    + " because its projection type is not ALL");
        }
        return select;
    }

    private static boolean mentions(Ast.Condition condition, String attribute) {
        if (condition instanceof Ast.And and) {
            return mentions(and.left(), attribute) || mentions(and.right(), attribute);
        }
        if (condition instanceof Ast.Or or) {
            return mentions(or.left(), attribute) || mentions(or.right(), attribute);
        }
        if (condition instanceof Ast.Not not) {
            return mentions(not.condition(), attribute);
        }
        List<Ast.Operand> operands = new ArrayList<>();
        if (condition instanceof Ast.Comparison c) {
            operands.addAll(List.of(c.left(), c.right()));
        } else if (condition instanceof Ast.Between b) {
            operands.addAll(List.of(b.operand(), b.low(), b.high()));
        } else if (condition instanceof Ast.In in) {
            operands.add(in.operand());
            operands.addAll(in.candidates());
        } else if (condition instanceof Ast.FunctionCall f) {
            operands.addAll(f.arguments());
        }
        return operands.stream().anyMatch(operand -> (operand instanceof Ast.PathOperand p
                && p.path().attribute().equals(attribute))
                || (operand instanceof Ast.SizeOperand s && s.path().attribute().equals(attribute)));
    }

    /** A Query's key condition: the partition key's value and the sort key's range, as DynamoDB allows them. */
    record KeyCondition(Value hash, ItemStore.Position from, ItemStore.Position to, String sortKey, Value prefix) {

        /** With begins_with, only the items whose sort key starts with the prefix. */
        Iterator<Map<String, Value>> filtered(Iterator<Map<String, Value>> items) {
            if (prefix == null) {
                return items;
            }
            Ast.FunctionCall beginsWith = new Ast.FunctionCall("begins_with", List.of(
                    new Ast.PathOperand(Path.of(sortKey)), new Ast.ValueOperand(":prefix", prefix)));
            return new Iterator<>() {
                private Map<String, Value> next = advance();

                private Map<String, Value> advance() {
                    while (items.hasNext()) {
                        Map<String, Value> item = items.next();
                        if (Evaluator.test(beginsWith, item)) {
                            return item;
                        }
                    }
                    return null;
                }

                @Override
                public boolean hasNext() {
                    return next != null;
                }

                @Override
                public Map<String, Value> next() {
                    if (next == null) {
                        throw new java.util.NoSuchElementException();
                    }
                    Map<String, Value> current = next;
                    next = advance();
                    return current;
                }
            };
        }

        static KeyCondition of(Ast.Condition condition, TableDefinition.KeySchema key, Map<String, String> types) {
            List<Ast.Condition> parts = new ArrayList<>();
            flatten(condition, parts);
            if (parts.size() > 2) {
                throw invalid("KeyConditionExpressions must only contain one condition per key");
            }
            Value hash = null;
            ItemStore.Position from = null;
            ItemStore.Position to = null;
            Value prefix = null;
            boolean sortSeen = false;
            for (Ast.Condition part : parts) {
                String attribute = attributeOf(part);
                List<Value> values = valuesOf(part);
                for (Value value : values) {
                    if (!value.type().equals(types.get(attribute))) {
                        throw DynamoDbException.validation("One or more parameter values were invalid: Condition "
                                + "parameter type does not match schema type");
                    }
                }
                if (attribute.equals(key.hash())) {
                    if (hash != null || !(part instanceof Ast.Comparison c) || !c.operator().equals("=")) {
                        throw invalid("Query key condition not supported");
                    }
                    hash = values.get(0);
                } else if (attribute.equals(key.range())) {
                    if (sortSeen) {
                        throw invalid("KeyConditionExpressions must only contain one condition per key");
                    }
                    sortSeen = true;
                    if (part instanceof Ast.Between) {
                        from = ItemStore.Position.before(values.get(0));
                        to = ItemStore.Position.after(values.get(1));
                    } else if (part instanceof Ast.FunctionCall) {
                        prefix = values.get(0);
                        from = ItemStore.Position.before(prefix);
                    } else {
                        Ast.Comparison c = (Ast.Comparison) part;
                        Value value = values.get(0);
                        switch (c.left() instanceof Ast.PathOperand ? c.operator() : flipped(c.operator())) {
                            case "=" -> {
                                from = ItemStore.Position.before(value);
                                to = ItemStore.Position.after(value);
                            }
                            case "<" -> to = ItemStore.Position.before(value);
                            case "<=" -> to = ItemStore.Position.after(value);
                            case ">" -> from = ItemStore.Position.after(value);
                            default -> from = ItemStore.Position.before(value);
                        }
                    }
                } else {
                    throw invalid("Query condition missed key schema element: " + key.hash());
                }
            }
            if (hash == null) {
                throw invalid("Query condition missed key schema element: " + key.hash());
            }
            return new KeyCondition(hash, from, to, key.range(), prefix);
        }

        private static String flipped(String operator) {
            return switch (operator) {
                case "<" -> ">";
                case "<=" -> ">=";
                case ">" -> "<";
                case ">=" -> "<=";
                default -> operator;
            };
        }

        private static void flatten(Ast.Condition condition, List<Ast.Condition> parts) {
            if (condition instanceof Ast.And and) {
                flatten(and.left(), parts);
                flatten(and.right(), parts);
            } else if (condition instanceof Ast.Or) {
                throw invalid("Invalid operator used in KeyConditionExpression: OR");
            } else if (condition instanceof Ast.Not) {
                throw invalid("Invalid operator used in KeyConditionExpression: NOT");
            } else if (condition instanceof Ast.In) {
                throw invalid("Invalid operator used in KeyConditionExpression: IN");
            } else if (condition instanceof Ast.FunctionCall f && !f.name().equals("begins_with")) {
                throw invalid("Invalid operator used in KeyConditionExpression: " + f.name());
            } else if (condition instanceof Ast.Comparison c && c.operator().equals("<>")) {
                throw invalid("Unsupported operator on KeyConditionExpression: operator: <>");
            } else {
                parts.add(condition);
            }
        }

        private static String attributeOf(Ast.Condition part) {
            Ast.Operand subject;
            if (part instanceof Ast.Comparison c) {
                subject = c.left() instanceof Ast.PathOperand ? c.left() : c.right();
            } else if (part instanceof Ast.Between b) {
                subject = b.operand();
            } else {
                subject = ((Ast.FunctionCall) part).arguments().get(0);
            }
            if (!(subject instanceof Ast.PathOperand path) || !path.path().topLevel()) {
                throw invalid("KeyConditionExpressions must only contain key attributes and values");
            }
            return path.path().attribute();
        }

        private static List<Value> valuesOf(Ast.Condition part) {
            List<Ast.Operand> operands = new ArrayList<>();
            if (part instanceof Ast.Comparison c) {
                operands.add(c.left() instanceof Ast.PathOperand ? c.right() : c.left());
            } else if (part instanceof Ast.Between b) {
                operands.addAll(List.of(b.low(), b.high()));
            } else {
                operands.add(((Ast.FunctionCall) part).arguments().get(1));
            }
            List<Value> values = new ArrayList<>();
            for (Ast.Operand operand : operands) {
                if (!(operand instanceof Ast.ValueOperand value)) {
                    throw invalid("KeyConditionExpressions must only contain key attributes and values");
                }
                values.add(value.value());
            }
            return values;
        }

        private static DynamoDbException invalid(String message) {
            return DynamoDbException.validation("Invalid KeyConditionExpression: " + message);
        }
    }
}
