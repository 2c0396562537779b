package io.reembed.local.dynamodb.expression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Numbers;
import io.reembed.local.dynamodb.data.Value;

/** Applies an update expression: SET values are worked out from the item as it was, then every action is applied. */
public final class Updater {

    private Updater() {
    }

    public static Map<String, Value> apply(Ast.Update update, Map<String, Value> old) {
        List<Value> setValues = new ArrayList<>();
        for (Ast.SetAction action : update.sets()) {
            setValues.add(value(action.value(), old));
        }
        Map<String, Value> item = new LinkedHashMap<>(old);
        for (int i = 0; i < update.sets().size(); i++) {
            Documents.set(item, update.sets().get(i).path(), setValues.get(i));
        }
        // Removing list elements from the highest index down keeps the indexes written meaningful.
        List<Path> removes = new ArrayList<>(update.removes());
        removes.sort(Comparator.comparing((Path p) -> p.elements().get(p.elements().size() - 1) instanceof Integer i ? -i : 0));
        removes.forEach(path -> Documents.remove(item, path));
        for (Ast.ValueAction add : update.adds()) {
            Value current = Documents.get(item, add.path());
            Documents.set(item, add.path(), current == null ? add.value().value() : add(current, add.value().value()));
        }
        for (Ast.ValueAction delete : update.deletes()) {
            Value current = Documents.get(item, delete.path());
            if (current != null) {
                Value rest = subtract(current, delete.value().value());
                if (rest == null) {
                    Documents.remove(item, delete.path());
                } else {
                    Documents.set(item, delete.path(), rest);
                }
            }
        }
        return item;
    }

    private static Value value(Ast.SetValue value, Map<String, Value> item) {
        if (value instanceof Ast.Plain plain) {
            Value resolved = Evaluator.resolve(plain.operand(), item);
            if (resolved == null) {
                throw DynamoDbException.validation(
                        "The provided expression refers to an attribute that does not exist in the item");
            }
            return resolved;
        }
        if (value instanceof Ast.IfNotExists ifNotExists) {
            Value current = Documents.get(item, ifNotExists.path());
            return current != null ? current : value(ifNotExists.fallback(), item);
        }
        if (value instanceof Ast.ListAppend append) {
            Value first = value(append.first(), item);
            Value second = value(append.second(), item);
            if (!(first instanceof Value.L a) || !(second instanceof Value.L b)) {
                throw wrongType();
            }
            List<Value> joined = new ArrayList<>(a.value());
            joined.addAll(b.value());
            return new Value.L(joined);
        }
        Ast.Arithmetic arithmetic = (Ast.Arithmetic) value;
        Value left = value(arithmetic.left(), item);
        Value right = value(arithmetic.right(), item);
        if (!(left instanceof Value.N a) || !(right instanceof Value.N b)) {
            throw wrongType();
        }
        return new Value.N(Numbers.check(Numbers.normalise(
                arithmetic.operator() == '+' ? a.value().add(b.value()) : a.value().subtract(b.value()))));
    }

    private static Value add(Value current, Value added) {
        if (current instanceof Value.N a && added instanceof Value.N b) {
            return new Value.N(Numbers.check(Numbers.normalise(a.value().add(b.value()))));
        }
        if (current instanceof Value.SS a && added instanceof Value.SS b) {
            return new Value.SS(union(a.value(), b.value()));
        }
        if (current instanceof Value.NS a && added instanceof Value.NS b) {
            return new Value.NS(union(a.value(), b.value()));
        }
        if (current instanceof Value.BS a && added instanceof Value.BS b) {
            return new Value.BS(union(a.value(), b.value()));
        }
        throw wrongType();
    }

    /** The set without the given elements; null when nothing is left (DynamoDB keeps no empty set). */
    private static Value subtract(Value current, Value removed) {
        Value rest;
        if (current instanceof Value.SS a && removed instanceof Value.SS b) {
            Set<String> left = minus(a.value(), b.value());
            rest = left.isEmpty() ? null : new Value.SS(left);
        } else if (current instanceof Value.NS a && removed instanceof Value.NS b) {
            var left = minus(a.value(), b.value());
            rest = left.isEmpty() ? null : new Value.NS(left);
        } else if (current instanceof Value.BS a && removed instanceof Value.BS b) {
            var left = minus(a.value(), b.value());
            rest = left.isEmpty() ? null : new Value.BS(left);
        } else {
            throw wrongType();
        }
        return rest;
    }

    private static <T> Set<T> union(Set<T> a, Set<T> b) {
        Set<T> union = new LinkedHashSet<>(a);
        union.addAll(b);
        return union;
    }

    private static <T> Set<T> minus(Set<T> a, Set<T> b) {
        Set<T> rest = new LinkedHashSet<>(a);
        rest.removeAll(b);
        return rest;
    }

    private static DynamoDbException wrongType() {
        return DynamoDbException.validation("An operand in the update expression has an incorrect data type");
    }
}
