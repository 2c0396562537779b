package io.reembed.local.dynamodb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

import io.reembed.local.dynamodb.data.Value;
import io.reembed.local.dynamodb.data.ValueOrder;

/**
 * Items in DynamoDB's order for one key layout (the table's or an index's): partitions by the hash
 * of their partition key (so that a Scan segment is one contiguous range of hashes, as in DynamoDB),
 * then items by sort key, then, in an index, by the table's own key (an index key need not be unique).
 */
final class ItemStore {

    /** 2^32: the hash space a Scan's segments divide. */
    static final long HASH_SPACE = 1L << 32;

    record Partition(long hash, Value key) implements Comparable<Partition> {
        static Partition of(Value key) {
            return new Partition(ItemStore.hash(key), key);
        }

        @Override
        public int compareTo(Partition other) {
            int byHash = Long.compare(hash, other.hash);
            return byHash != 0 ? byHash : NULLS_FIRST.compare(key, other.key);
        }
    }

    /**
     * Where an item sits in its partition. {@code bias} places bounds: -1 sorts before every item
     * with the same sort key, +1 after them; stored items have 0.
     */
    record Position(Value sort, int bias, Value tableHash, Value tableRange) implements Comparable<Position> {
        static Position before(Value sort) {
            return new Position(sort, -1, null, null);
        }

        static Position after(Value sort) {
            return new Position(sort, 1, null, null);
        }

        @Override
        public int compareTo(Position other) {
            int order = NULLS_FIRST.compare(sort, other.sort);
            if (order != 0) {
                return order;
            }
            if (bias != other.bias) {
                return Integer.compare(bias, other.bias);
            }
            order = NULLS_FIRST.compare(tableHash, other.tableHash);
            return order != 0 ? order : NULLS_FIRST.compare(tableRange, other.tableRange);
        }
    }

    private static final Comparator<Value> NULLS_FIRST = Comparator.nullsFirst(ValueOrder.KEYS);

    private final TableDefinition.KeySchema key;
    /** The table's key when this store is an index; null for the table itself. */
    private final TableDefinition.KeySchema tableKey;
    private final NavigableMap<Partition, NavigableMap<Position, Map<String, Value>>> partitions = new TreeMap<>();
    private long count;
    private long bytes;

    ItemStore(TableDefinition.KeySchema key, TableDefinition.KeySchema tableKey) {
        this.key = key;
        this.tableKey = tableKey;
    }

    TableDefinition.KeySchema key() {
        return key;
    }

    long count() {
        return count;
    }

    long bytes() {
        return bytes;
    }

    /** Whether the item has this store's key attributes (an index is sparse). */
    boolean holds(Map<String, Value> item) {
        return key.attributes().stream().allMatch(item::containsKey);
    }

    void put(Map<String, Value> item) {
        NavigableMap<Position, Map<String, Value>> partition = partitions.computeIfAbsent(
                Partition.of(item.get(key.hash())), p -> new TreeMap<>());
        Map<String, Value> old = partition.put(position(item), item);
        if (old != null) {
            count--;
            bytes -= Value.itemSize(old);
        }
        count++;
        bytes += Value.itemSize(item);
    }

    void remove(Map<String, Value> item) {
        Partition at = Partition.of(item.get(key.hash()));
        NavigableMap<Position, Map<String, Value>> partition = partitions.get(at);
        if (partition == null) {
            return;
        }
        Map<String, Value> old = partition.remove(position(item));
        if (old != null) {
            count--;
            bytes -= Value.itemSize(old);
        }
        if (partition.isEmpty()) {
            partitions.remove(at);
        }
    }

    Map<String, Value> get(Map<String, Value> keyValues) {
        NavigableMap<Position, Map<String, Value>> partition = partitions.get(Partition.of(keyValues.get(key.hash())));
        return partition == null ? null : partition.get(position(keyValues));
    }

    Position position(Map<String, Value> item) {
        Value sort = key.range() == null ? null : item.get(key.range());
        if (tableKey == null) {
            return new Position(sort, 0, null, null);
        }
        return new Position(sort, 0, item.get(tableKey.hash()),
                tableKey.range() == null ? null : item.get(tableKey.range()));
    }

    /** The items of one partition within [from, to] (null: open), after {@code start} if given, in either direction. */
    Iterator<Map<String, Value>> partition(Value hashKey, Position from, Position to, Position start, boolean forward) {
        NavigableMap<Position, Map<String, Value>> partition = partitions.get(Partition.of(hashKey));
        if (partition == null) {
            return Collections.emptyIterator();
        }
        NavigableMap<Position, Map<String, Value>> range = partition;
        if (from != null) {
            range = range.tailMap(from, true);
        }
        if (to != null) {
            range = range.headMap(to, true);
        }
        if (start != null) {
            range = forward ? range.tailMap(start, false) : range.headMap(start, false);
        }
        return (forward ? range : range.descendingMap()).values().iterator();
    }

    /** Every item whose partition hash lies in [fromHash, toHash), after the item at {@code start} if given. */
    Iterator<Map<String, Value>> scan(long fromHash, long toHash, Map<String, Value> start) {
        NavigableMap<Partition, NavigableMap<Position, Map<String, Value>>> range = partitions.subMap(
                new Partition(fromHash, null), true, new Partition(toHash, null), false);
        Partition first = start == null ? null : Partition.of(start.get(key.hash()));
        if (first != null) {
            range = range.tailMap(first, true);
        }
        Iterator<Map.Entry<Partition, NavigableMap<Position, Map<String, Value>>>> outer = range.entrySet().iterator();
        Position startPosition = start == null ? null : position(start);
        return new Iterator<>() {
            private Iterator<Map<String, Value>> inner = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                while (!inner.hasNext() && outer.hasNext()) {
                    Map.Entry<Partition, NavigableMap<Position, Map<String, Value>>> next = outer.next();
                    inner = next.getKey().equals(first)
                            ? next.getValue().tailMap(startPosition, false).values().iterator()
                            : next.getValue().values().iterator();
                }
                return inner.hasNext();
            }

            @Override
            public Map<String, Value> next() {
                if (!hasNext()) {
                    throw new java.util.NoSuchElementException();
                }
                return inner.next();
            }
        };
    }

    /** The first four bytes of the MD5 of the key's bytes, unsigned, as DynamoDB spreads partition keys. */
    static long hash(Value key) {
        byte[] data;
        if (key instanceof Value.S s) {
            data = s.value().getBytes(StandardCharsets.UTF_8);
        } else if (key instanceof Value.N n) {
            data = n.text().getBytes(StandardCharsets.US_ASCII);
        } else if (key instanceof Value.B b) {
            data = b.value().toArray();
        } else {
            return 0;
        }
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(data);
            return ((digest[0] & 0xFFL) << 24) | ((digest[1] & 0xFFL) << 16) | ((digest[2] & 0xFFL) << 8)
                    | (digest[3] & 0xFFL);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
