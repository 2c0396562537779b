package io.reembed.local.dynamodb.expression;

import java.math.BigDecimal;
import java.util.Map;

import io.reembed.local.dynamodb.data.Value;
import io.reembed.local.dynamodb.data.ValueOrder;
import io.reembed.local.dynamodb.expression.Ast.Condition;
import io.reembed.local.dynamodb.expression.Ast.Operand;

/**
 * Evaluates a parsed condition against an item (which may be empty: the item does not exist).
 * A missing attribute or a value of another type makes a comparison false, as in DynamoDB;
 * {@code <>} is true unless both sides are there and equal.
 */
public final class Evaluator {

    private Evaluator() {
    }

    public static boolean test(Condition condition, Map<String, Value> item) {
        if (condition instanceof Ast.And and) {
            return test(and.left(), item) && test(and.right(), item);
        }
        if (condition instanceof Ast.Or or) {
            return test(or.left(), item) || test(or.right(), item);
        }
        if (condition instanceof Ast.Not not) {
            return !test(not.condition(), item);
        }
        if (condition instanceof Ast.Comparison comparison) {
            return compare(comparison.operator(), resolve(comparison.left(), item), resolve(comparison.right(), item));
        }
        if (condition instanceof Ast.Between between) {
            Value value = resolve(between.operand(), item);
            return compare(">=", value, resolve(between.low(), item))
                    && compare("<=", value, resolve(between.high(), item));
        }
        if (condition instanceof Ast.In in) {
            Value value = resolve(in.operand(), item);
            return value != null && in.candidates().stream().anyMatch(c -> value.equals(resolve(c, item)));
        }
        return function((Ast.FunctionCall) condition, item);
    }

    private static boolean compare(String operator, Value left, Value right) {
        if (operator.equals("<>")) {
            return left == null || right == null || !left.equals(right);
        }
        if (left == null || right == null) {
            return false;
        }
        if (operator.equals("=")) {
            return left.equals(right);
        }
        if (!ValueOrder.ordered(left, right)) {
            return false;
        }
        int order = ValueOrder.compare(left, right);
        return switch (operator) {
            case "<" -> order < 0;
            case "<=" -> order <= 0;
            case ">" -> order > 0;
            default -> order >= 0;
        };
    }

    private static boolean function(Ast.FunctionCall call, Map<String, Value> item) {
        Value subject = resolve(call.arguments().get(0), item);
        Value argument = call.arguments().size() > 1 ? resolve(call.arguments().get(1), item) : null;
        switch (call.name()) {
            case "attribute_exists":
                return subject != null;
            case "attribute_not_exists":
                return subject == null;
            case "attribute_type":
                return subject != null && argument instanceof Value.S type && subject.type().equals(type.value());
            case "begins_with":
                if (subject instanceof Value.S s && argument instanceof Value.S prefix) {
                    return s.value().startsWith(prefix.value());
                }
                return subject instanceof Value.B b && argument instanceof Value.B prefix
                        && b.value().startsWith(prefix.value());
            default:
                return contains(subject, argument);
        }
    }

    private static boolean contains(Value subject, Value argument) {
        if (subject == null || argument == null) {
            return false;
        }
        if (subject instanceof Value.S s && argument instanceof Value.S part) {
            return s.value().contains(part.value());
        }
        if (subject instanceof Value.SS set && argument instanceof Value.S element) {
            return set.value().contains(element.value());
        }
        if (subject instanceof Value.NS set && argument instanceof Value.N element) {
            return set.value().contains(element.value());
        }
        if (subject instanceof Value.BS set && argument instanceof Value.B element) {
            return set.value().contains(element.value());
        }
        return subject instanceof Value.L list && list.value().contains(argument);
    }

    static Value resolve(Operand operand, Map<String, Value> item) {
        if (operand instanceof Ast.ValueOperand value) {
            return value.value();
        }
        if (operand instanceof Ast.PathOperand path) {
            return Documents.get(item, path.path());
        }
        Value sized = Documents.get(item, ((Ast.SizeOperand) operand).path());
        Long size = size(sized);
        return size == null ? null : new Value.N(BigDecimal.valueOf(size));
    }

    private static Long size(Value value) {
        if (value instanceof Value.S s) {
            return (long) s.value().codePointCount(0, s.value().length());
        }
        if (value instanceof Value.B b) {
            return (long) b.value().length();
        }
        if (value instanceof Value.SS set) {
            return (long) set.value().size();
        }
        if (value instanceof Value.NS set) {
            return (long) set.value().size();
        }
        if (value instanceof Value.BS set) {
            return (long) set.value().size();
        }
        if (value instanceof Value.L list) {
            return (long) list.value().size();
        }
        if (value instanceof Value.M map) {
            return (long) map.value().size();
        }
        return null;
    }
}
