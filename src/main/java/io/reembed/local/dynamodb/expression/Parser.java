package io.reembed.local.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.reembed.local.dynamodb.data.DynamoDbException;
import io.reembed.local.dynamodb.data.Value;
import io.reembed.local.dynamodb.data.ValueOrder;
import io.reembed.local.dynamodb.expression.Ast.Condition;
import io.reembed.local.dynamodb.expression.Ast.Operand;
import io.reembed.local.dynamodb.expression.Lexer.Kind;
import io.reembed.local.dynamodb.expression.Lexer.Token;

/**
 * A recursive-descent parser of DynamoDB's expression grammar, with its precedence (comparisons,
 * IN, BETWEEN and functions bind tightest, then NOT, AND, OR) and the checks DynamoDB makes before
 * reading any item: reserved words, undefined references, operand types of literal values.
 */
public final class Parser {

    private static final Set<String> COMPARATORS = Set.of("=", "<>", "<", "<=", ">", ">=");
    private static final Set<String> CONDITION_FUNCTIONS = Set.of("attribute_exists", "attribute_not_exists",
            "attribute_type", "begins_with", "contains");
    private static final Set<String> TYPES = Set.of("S", "SS", "N", "NS", "B", "BS", "BOOL", "NULL", "L", "M");
    private static final int MAX_IN = 100;

    private final String expression;
    private final String kind;
    private final ExpressionInput input;
    private final List<Token> tokens;
    private int next;

    private Parser(String expression, String kind, ExpressionInput input) {
        if (expression.isBlank()) {
            throw DynamoDbException.validation("Invalid " + kind + ": The expression can not be empty;");
        }
        this.expression = expression;
        this.kind = kind;
        this.input = input;
        this.tokens = Lexer.tokens(expression, kind);
    }

    /** A ConditionExpression, FilterExpression or KeyConditionExpression ({@code kind} names which). */
    public static Condition condition(String expression, String kind, ExpressionInput input) {
        Parser parser = new Parser(expression, kind, input);
        Condition condition = parser.or();
        parser.expectEnd();
        return condition;
    }

    public static List<Path> projection(String expression, ExpressionInput input) {
        Parser parser = new Parser(expression, "ProjectionExpression", input);
        List<Path> paths = new ArrayList<>();
        do {
            Path path = parser.path();
            for (Path earlier : paths) {
                if (earlier.overlaps(path)) {
                    throw parser.overlap(earlier, path);
                }
            }
            paths.add(path);
        } while (parser.accept(","));
        parser.expectEnd();
        return paths;
    }

    public static Ast.Update update(String expression, ExpressionInput input) {
        Parser parser = new Parser(expression, "UpdateExpression", input);
        Ast.Update update = parser.updateClauses();
        List<Path> paths = update.paths();
        for (int i = 0; i < paths.size(); i++) {
            for (int j = i + 1; j < paths.size(); j++) {
                if (paths.get(i).overlaps(paths.get(j))) {
                    throw parser.overlap(paths.get(i), paths.get(j));
                }
            }
        }
        return update;
    }

    private DynamoDbException overlap(Path one, Path two) {
        String what = one.equals(two) ? "Two document paths conflict with each other" : "Two document paths overlap with each other";
        return invalid(what + "; must remove or rewrite one of these paths; path one: " + one + ", path two: " + two);
    }

    // ---- conditions

    private Condition or() {
        Condition left = and();
        while (acceptKeyword("OR")) {
            left = new Ast.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (acceptKeyword("AND")) {
            left = new Ast.And(left, not());
        }
        return left;
    }

    private Condition not() {
        if (acceptKeyword("NOT")) {
            return new Ast.Not(not());
        }
        return primary();
    }

    private Condition primary() {
        if (accept("(")) {
            Condition inner = or();
            expect(")");
            return inner;
        }
        Token token = peek();
        if (token.kind() == Kind.NAME && peekAt(1).is("(") && !token.text().equals("size")) {
            return function();
        }
        Operand left = operand();
        Token operator = peek();
        if (operator.kind() == Kind.SYMBOL && COMPARATORS.contains(operator.text())) {
            next++;
            Operand right = operand();
            if (!operator.text().equals("=") && !operator.text().equals("<>")) {
                orderable(operator.text(), left);
                orderable(operator.text(), right);
            }
            return new Ast.Comparison(operator.text(), left, right);
        }
        if (acceptKeyword("BETWEEN")) {
            Operand low = operand();
            expectKeyword("AND");
            Operand high = operand();
            orderable("BETWEEN", left);
            orderable("BETWEEN", low);
            orderable("BETWEEN", high);
            if (low instanceof Ast.ValueOperand l && high instanceof Ast.ValueOperand h
                    && ValueOrder.ordered(l.value(), h.value()) && ValueOrder.compare(l.value(), h.value()) > 0) {
                throw invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + "lower bound operand: " + l.reference() + ", upper bound operand: " + h.reference());
            }
            return new Ast.Between(left, low, high);
        }
        if (acceptKeyword("IN")) {
            expect("(");
            List<Operand> candidates = new ArrayList<>();
            do {
                candidates.add(operand());
            } while (accept(","));
            expect(")");
            if (candidates.size() > MAX_IN) {
                throw invalid("The IN operator is provided with too many operands; number of operands: "
                        + candidates.size());
            }
            return new Ast.In(left, candidates);
        }
        throw syntax(operator);
    }

    private Condition function() {
        Token name = peek();
        if (!CONDITION_FUNCTIONS.contains(name.text())) {
            throw invalid("Invalid function name; function: " + name.text());
        }
        next++;
        expect("(");
        List<Operand> arguments = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                arguments.add(operand());
            } while (accept(","));
        }
        expect(")");
        int expected = name.text().startsWith("attribute_") && !name.text().equals("attribute_type") ? 1 : 2;
        if (arguments.size() != expected) {
            throw invalid("Incorrect number of operands for operator or function; operator or function: "
                    + name.text() + ", number of operands: " + arguments.size());
        }
        if (!(arguments.get(0) instanceof Ast.PathOperand)) {
            throw invalid("Operator or function requires a document path; operator or function: " + name.text());
        }
        if (name.text().equals("attribute_type")) {
            if (!(arguments.get(1) instanceof Ast.ValueOperand type) || !(type.value() instanceof Value.S s)) {
                throw incorrectType(name.text(), arguments.get(1));
            }
            if (!TYPES.contains(s.value())) {
                throw invalid("Invalid attribute type name found in type condition; type: " + s.value());
            }
        }
        if (name.text().equals("begins_with") && arguments.get(1) instanceof Ast.ValueOperand prefix
                && !(prefix.value() instanceof Value.S || prefix.value() instanceof Value.B)) {
            throw incorrectType(name.text(), prefix);
        }
        return new Ast.FunctionCall(name.text(), arguments);
    }

    private void orderable(String operator, Operand operand) {
        if (operand instanceof Ast.ValueOperand value && !(value.value() instanceof Value.S
                || value.value() instanceof Value.N || value.value() instanceof Value.B)) {
            throw incorrectType(operator, value);
        }
    }

    private DynamoDbException incorrectType(String operator, Operand operand) {
        String type = operand instanceof Ast.ValueOperand v ? v.value().type() : "PATH";
        return invalid("Incorrect operand type for operator or function; operator or function: " + operator
                + ", operand type: " + type);
    }

    private Operand operand() {
        Token token = peek();
        if (token.kind() == Kind.VALUE_REF) {
            next++;
            return new Ast.ValueOperand(token.text(), input.value(token.text(), kind));
        }
        if (token.kind() == Kind.NAME && token.text().equals("size") && peekAt(1).is("(")) {
            next += 2;
            Path path = path();
            expect(")");
            return new Ast.SizeOperand(path);
        }
        if (token.kind() == Kind.NAME && peekAt(1).is("(")) {
            throw invalid("The function is not allowed to be used this way in an expression; function: "
                    + token.text());
        }
        return new Ast.PathOperand(path());
    }

    // ---- paths

    private Path path() {
        List<Object> elements = new ArrayList<>();
        elements.add(pathName());
        while (true) {
            if (accept(".")) {
                elements.add(pathName());
            } else if (peek().is("[")) {
                next++;
                Token index = peek();
                if (index.kind() != Kind.NUMBER) {
                    throw syntax(index);
                }
                next++;
                expect("]");
                elements.add(Integer.parseInt(index.text()));
            } else {
                return new Path(elements);
            }
        }
    }

    private String pathName() {
        Token token = peek();
        if (token.kind() == Kind.NAME_REF) {
            next++;
            return input.name(token.text(), kind);
        }
        if (token.kind() == Kind.NAME) {
            if (ReservedWords.reserved(token.text())) {
                throw invalid("Attribute name is a reserved keyword; reserved keyword: " + token.text());
            }
            next++;
            return token.text();
        }
        throw syntax(token);
    }

    // ---- updates

    private Ast.Update updateClauses() {
        List<Ast.SetAction> sets = null;
        List<Path> removes = null;
        List<Ast.ValueAction> adds = null;
        List<Ast.ValueAction> deletes = null;
        do {
            Token clause = peek();
            if (clause.kind() != Kind.NAME) {
                throw syntax(clause);
            }
            String word = clause.text().toUpperCase(java.util.Locale.ROOT);
            next++;
            switch (word) {
                case "SET" -> {
                    once(sets, word);
                    sets = new ArrayList<>();
                    do {
                        Path path = path();
                        expect("=");
                        sets.add(new Ast.SetAction(path, setValue()));
                    } while (accept(","));
                }
                case "REMOVE" -> {
                    once(removes, word);
                    removes = new ArrayList<>();
                    do {
                        removes.add(path());
                    } while (accept(","));
                }
                case "ADD", "DELETE" -> {
                    List<Ast.ValueAction> actions = new ArrayList<>();
                    once(word.equals("ADD") ? adds : deletes, word);
                    do {
                        Path path = path();
                        Token value = peek();
                        if (value.kind() != Kind.VALUE_REF) {
                            throw syntax(value);
                        }
                        Ast.ValueOperand operand = (Ast.ValueOperand) operand();
                        Value v = operand.value();
                        boolean fits = word.equals("ADD") ? v instanceof Value.N || v.isSet() : v.isSet();
                        if (!fits) {
                            throw incorrectType(word, operand);
                        }
                        actions.add(new Ast.ValueAction(path, operand));
                    } while (accept(","));
                    if (word.equals("ADD")) {
                        adds = actions;
                    } else {
                        deletes = actions;
                    }
                }
                default -> throw syntax(clause);
            }
        } while (peek().kind() != Kind.END);
        return new Ast.Update(orEmpty(sets), orEmpty(removes), orEmpty(adds), orEmpty(deletes));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private void once(List<?> clause, String word) {
        if (clause != null) {
            throw invalid("The \"" + word + "\" section can only be used once in an update expression;");
        }
    }

    private Ast.SetValue setValue() {
        Ast.SetValue left = setOperand();
        if (peek().is("+") || peek().is("-")) {
            char operator = peek().text().charAt(0);
            next++;
            return new Ast.Arithmetic(operator, left, setOperand());
        }
        return left;
    }

    private Ast.SetValue setOperand() {
        Token token = peek();
        if (token.kind() == Kind.NAME && peekAt(1).is("(")) {
            next += 2;
            if (token.text().equals("if_not_exists")) {
                Path path = path();
                expect(",");
                Ast.SetValue fallback = setOperand();
                expect(")");
                return new Ast.IfNotExists(path, fallback);
            }
            if (token.text().equals("list_append")) {
                Ast.SetValue first = setOperand();
                expect(",");
                Ast.SetValue second = setOperand();
                expect(")");
                return new Ast.ListAppend(first, second);
            }
            throw invalid("Invalid function name; function: " + token.text());
        }
        Operand operand = operand();
        if (operand instanceof Ast.SizeOperand) {
            throw invalid("The function is not allowed in an update expression; function: size");
        }
        return new Ast.Plain(operand);
    }

    // ---- tokens

    private Token peek() {
        return tokens.get(next);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(tokens.size() - 1, next + ahead));
    }

    private boolean accept(String symbol) {
        if (peek().kind() == Kind.SYMBOL && peek().text().equals(symbol)) {
            next++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String word) {
        if (peek().kind() == Kind.NAME && peek().text().equalsIgnoreCase(word)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(String symbol) {
        if (!accept(symbol)) {
            throw syntax(peek());
        }
    }

    private void expectKeyword(String word) {
        if (!acceptKeyword(word)) {
            throw syntax(peek());
        }
    }

    private void expectEnd() {
        if (peek().kind() != Kind.END) {
            throw syntax(peek());
        }
    }

    private DynamoDbException syntax(Token token) {
        return Lexer.syntax(kind, token.text(), expression, token.position());
    }

    private DynamoDbException invalid(String message) {
        return DynamoDbException.validation("Invalid " + kind + ": " + message);
    }
}
