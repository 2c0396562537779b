package io.reembed.local.dynamodb.data;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value, immutable. Numbers are kept as DynamoDB keeps them (trailing zeros
 * dropped, compared by value); sets keep the order they were written in but compare as sets.
 */
public sealed interface Value {

    /** DynamoDB's type tag: S, N, B, BOOL, NULL, M, L, SS, NS, BS. */
    String type();

    /** The size DynamoDB counts for this value (without its attribute name), in bytes. */
    long size();

    record S(String value) implements Value {
        public String type() {
            return "S";
        }

        public long size() {
            return value.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    record N(BigDecimal value) implements Value {
        public N {
            value = Numbers.normalise(value);
        }

        public String type() {
            return "N";
        }

        public long size() {
            return Numbers.size(value);
        }

        public String text() {
            return value.toPlainString();
        }
    }

    record B(Bytes value) implements Value {
        public String type() {
            return "B";
        }

        public long size() {
            return value.length();
        }
    }

    record Bool(boolean value) implements Value {
        public String type() {
            return "BOOL";
        }

        public long size() {
            return 1;
        }
    }

    record Null() implements Value {
        public String type() {
            return "NULL";
        }

        public long size() {
            return 1;
        }
    }

    record M(Map<String, Value> value) implements Value {
        public M {
            value = Collections.unmodifiableMap(new LinkedHashMap<>(value));
        }

        public String type() {
            return "M";
        }

        public long size() {
            long size = 3;
            for (Map.Entry<String, Value> entry : value.entrySet()) {
                size += 1 + entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().size();
            }
            return size;
        }
    }

    record L(List<Value> value) implements Value {
        public L {
            value = List.copyOf(value);
        }

        public String type() {
            return "L";
        }

        public long size() {
            long size = 3;
            for (Value element : value) {
                size += 1 + element.size();
            }
            return size;
        }
    }

    record SS(Set<String> value) implements Value {
        public SS {
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public String type() {
            return "SS";
        }

        public long size() {
            return value.stream().mapToLong(s -> s.getBytes(StandardCharsets.UTF_8).length).sum();
        }
    }

    record NS(Set<BigDecimal> value) implements Value {
        public NS {
            LinkedHashSet<BigDecimal> normalised = new LinkedHashSet<>();
            value.forEach(n -> normalised.add(Numbers.normalise(n)));
            value = Collections.unmodifiableSet(normalised);
        }

        public String type() {
            return "NS";
        }

        public long size() {
            return value.stream().mapToLong(Numbers::size).sum();
        }
    }

    record BS(Set<Bytes> value) implements Value {
        public BS {
            value = Collections.unmodifiableSet(new LinkedHashSet<>(value));
        }

        public String type() {
            return "BS";
        }

        public long size() {
            return value.stream().mapToLong(Bytes::length).sum();
        }
    }

    /** Whether this is a set type (SS, NS, BS). */
    default boolean isSet() {
        return this instanceof SS || this instanceof NS || this instanceof BS;
    }

    /** The size DynamoDB counts for an item: attribute names and values. */
    static long itemSize(Map<String, Value> item) {
        long size = 0;
        for (Map.Entry<String, Value> entry : item.entrySet()) {
            size += entry.getKey().getBytes(StandardCharsets.UTF_8).length + entry.getValue().size();
        }
        return size;
    }
}
