package io.reembed.local.dynamodb.expression;

import java.util.List;

import io.reembed.local.dynamodb.data.Value;

/** The parsed forms of DynamoDB's condition, key condition, projection and update expressions. */
public final class Ast {

    private Ast() {
    }

    /** What a comparison or function compares: a path, a :value, or size(path). */
    public sealed interface Operand permits PathOperand, ValueOperand, SizeOperand {
    }

    public record PathOperand(Path path) implements Operand {
    }

    public record ValueOperand(String reference, Value value) implements Operand {
    }

    public record SizeOperand(Path path) implements Operand {
    }

    public sealed interface Condition permits Comparison, Between, In, And, Or, Not, FunctionCall {
    }

    /** {@code =}, {@code <>}, {@code <}, {@code <=}, {@code >}, {@code >=}. */
    public record Comparison(String operator, Operand left, Operand right) implements Condition {
    }

    public record Between(Operand operand, Operand low, Operand high) implements Condition {
    }

    public record In(Operand operand, List<Operand> candidates) implements Condition {
    }

    public record And(Condition left, Condition right) implements Condition {
    }

    public record Or(Condition left, Condition right) implements Condition {
    }

    public record Not(Condition condition) implements Condition {
    }

    /** attribute_exists, attribute_not_exists, attribute_type, begins_with, contains. */
    public record FunctionCall(String name, List<Operand> arguments) implements Condition {
    }

    /** The right-hand side of a SET action. */
    public sealed interface SetValue permits Plain, Arithmetic, IfNotExists, ListAppend {
    }

    public record Plain(Operand operand) implements SetValue {
    }

    public record Arithmetic(char operator, SetValue left, SetValue right) implements SetValue {
    }

    public record IfNotExists(Path path, SetValue fallback) implements SetValue {
    }

    public record ListAppend(SetValue first, SetValue second) implements SetValue {
    }

    public record SetAction(Path path, SetValue value) {
    }

    /** ADD and DELETE take a path and a :value. */
    public record ValueAction(Path path, ValueOperand value) {
    }

    public record Update(List<SetAction> sets, List<Path> removes, List<ValueAction> adds,
            List<ValueAction> deletes) {

        /** Every path the update writes, in the order written. */
        public List<Path> paths() {
            List<Path> paths = new java.util.ArrayList<>();
            sets.forEach(action -> paths.add(action.path()));
            paths.addAll(removes);
            adds.forEach(action -> paths.add(action.path()));
            deletes.forEach(action -> paths.add(action.path()));
            return paths;
        }
    }
}
