package io.reembed.local.dynamodb.expression;

import java.util.List;
import java.util.stream.Collectors;

/** A document path: attribute names (expression names already resolved) and list indexes. */
public record Path(List<Object> elements) {

    public Path {
        elements = List.copyOf(elements);
    }

    public static Path of(String attribute) {
        return new Path(List.of(attribute));
    }

    /** The top-level attribute the path starts at. */
    public String attribute() {
        return (String) elements.get(0);
    }

    public boolean topLevel() {
        return elements.size() == 1;
    }

    /** Whether one path is the other or lies inside it. */
    public boolean overlaps(Path other) {
        int shorter = Math.min(elements.size(), other.elements.size());
        return elements.subList(0, shorter).equals(other.elements.subList(0, shorter));
    }

    /** As DynamoDB names a path in its messages: [a, b, [2]]. */
    @Override
    public String toString() {
        return elements.stream().map(e -> e instanceof Integer i ? "[" + i + "]" : (String) e)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
