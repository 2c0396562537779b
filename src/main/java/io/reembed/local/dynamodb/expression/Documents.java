package io.reembed.local.dynamodb.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;

/** Reading, writing and projecting document paths in an item. Values stay immutable; items are copied. */
public final class Documents {

    private Documents() {
    }

    /** The value at the path, or null when any step of it is missing or of another type. */
    public static Value get(Map<String, Value> item, Path path) {
        Value current = item.get(path.attribute());
        for (Object step : path.elements().subList(1, path.elements().size())) {
            if (step instanceof String name && current instanceof Value.M map) {
                current = map.value().get(name);
            } else if (step instanceof Integer index && current instanceof Value.L list) {
                current = index < list.value().size() ? list.value().get(index) : null;
            } else {
                return null;
            }
        }
        return current;
    }

    /** Writes the value at the path; every step but the last must exist. A list index past the end appends. */
    static void set(Map<String, Value> item, Path path, Value value) {
        if (path.topLevel()) {
            item.put(path.attribute(), value);
            return;
        }
        Value top = item.get(path.attribute());
        item.put(path.attribute(), setIn(top, path.elements().subList(1, path.elements().size()), value));
    }

    private static Value setIn(Value container, List<Object> rest, Value value) {
        Object step = rest.get(0);
        boolean last = rest.size() == 1;
        if (step instanceof String name && container instanceof Value.M map) {
            Map<String, Value> copy = new LinkedHashMap<>(map.value());
            copy.put(name, last ? value : setIn(map.value().get(name), rest.subList(1, rest.size()), value));
            return new Value.M(copy);
        }
        if (step instanceof Integer index && container instanceof Value.L list) {
            List<Value> copy = new ArrayList<>(list.value());
            if (last) {
                if (index < copy.size()) {
                    copy.set(index, value);
                } else {
                    copy.add(value);
                }
            } else {
                copy.set(index, setIn(index < copy.size() ? copy.get(index) : null, rest.subList(1, rest.size()), value));
            }
            return new Value.L(copy);
        }
        throw DynamoDbException.validation("The document path provided in the update expression is invalid for update");
    }

    /** Removes what is at the path; nothing happens when it is not there. */
    static void remove(Map<String, Value> item, Path path) {
        if (path.topLevel()) {
            item.remove(path.attribute());
            return;
        }
        Value top = item.get(path.attribute());
        if (top != null) {
            Value changed = removeIn(top, path.elements().subList(1, path.elements().size()));
            item.put(path.attribute(), changed);
        }
    }

    private static Value removeIn(Value container, List<Object> rest) {
        Object step = rest.get(0);
        boolean last = rest.size() == 1;
        if (step instanceof String name && container instanceof Value.M map && map.value().containsKey(name)) {
            Map<String, Value> copy = new LinkedHashMap<>(map.value());
            if (last) {
                copy.remove(name);
            } else {
                copy.put(name, removeIn(copy.get(name), rest.subList(1, rest.size())));
            }
            return new Value.M(copy);
        }
        if (step instanceof Integer index && container instanceof Value.L list && index < list.value().size()) {
            List<Value> copy = new ArrayList<>(list.value());
            if (last) {
                copy.remove((int) index);
            } else {
                copy.set(index, removeIn(copy.get(index), rest.subList(1, rest.size())));
            }
            return new Value.L(copy);
        }
        if (container instanceof Value.M || container instanceof Value.L) {
            return container;
        }
        throw DynamoDbException.validation("The document path provided in the update expression is invalid for update");
    }

    /** Only the given paths of the item, nested as they were; list elements keep their order. */
    public static Map<String, Value> project(Map<String, Value> item, List<Path> paths) {
        Map<String, Object> tree = new LinkedHashMap<>();
        for (Path path : paths) {
            Value value = get(item, path);
            if (value != null) {
                place(tree, path.elements(), value);
            }
        }
        Map<String, Value> projected = new LinkedHashMap<>();
        tree.forEach((name, node) -> projected.put(name, build(node)));
        return projected;
    }

    @SuppressWarnings("unchecked")
    private static void place(Object node, List<Object> steps, Value value) {
        Object step = steps.get(0);
        if (steps.size() == 1) {
            put(node, step, value);
            return;
        }
        Object child = get(node, step);
        if (child == null) {
            child = steps.get(1) instanceof Integer ? new TreeMap<Integer, Object>() : new LinkedHashMap<String, Object>();
            put(node, step, child);
        }
        place(child, steps.subList(1, steps.size()), value);
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object node, Object step) {
        return node instanceof TreeMap<?, ?> list ? ((TreeMap<Integer, Object>) list).get((Integer) step)
                : ((Map<String, Object>) node).get((String) step);
    }

    @SuppressWarnings("unchecked")
    private static void put(Object node, Object step, Object child) {
        if (node instanceof TreeMap<?, ?> list) {
            ((TreeMap<Integer, Object>) list).put((Integer) step, child);
        } else {
            ((Map<String, Object>) node).put((String) step, child);
        }
    }

    @SuppressWarnings("unchecked")
    private static Value build(Object node) {
        if (node instanceof Value value) {
            return value;
        }
        if (node instanceof TreeMap<?, ?> list) {
            List<Value> elements = new ArrayList<>();
            list.values().forEach(child -> elements.add(build(child)));
            return new Value.L(elements);
        }
        Map<String, Value> map = new LinkedHashMap<>();
        ((Map<String, Object>) node).forEach((name, child) -> map.put(name, build(child)));
        return new Value.M(map);
    }
}
