package io.reembed.local.dynamodb.expression;

import java.util.ArrayList;
import java.util.List;

import io.reembed.local.dynamodb.data.DynamoDbException;

/** Splits an expression into tokens: names, #names, :values, list indexes and operators. */
final class Lexer {

    enum Kind { NAME, NAME_REF, VALUE_REF, NUMBER, SYMBOL, END }

    record Token(Kind kind, String text, int position) {
        boolean is(String symbol) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equalsIgnoreCase(symbol);
        }
    }

    private Lexer() {
    }

    static List<Token> tokens(String expression, String expressionKind) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int n = expression.length();
        while (i < n) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == ':') {
                int end = word(expression, i + 1);
                if (end == i + 1) {
                    throw syntax(expressionKind, String.valueOf(c), expression, i);
                }
                tokens.add(new Token(c == '#' ? Kind.NAME_REF : Kind.VALUE_REF, expression.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c)) {
                int end = i;
                while (end < n && Character.isDigit(expression.charAt(end))) {
                    end++;
                }
                tokens.add(new Token(Kind.NUMBER, expression.substring(i, end), i));
                i = end;
            } else if (Character.isLetter(c) || c == '_') {
                int end = word(expression, i);
                tokens.add(new Token(Kind.NAME, expression.substring(i, end), i));
                i = end;
            } else if ((c == '<' || c == '>') && i + 1 < n && expression.charAt(i + 1) == '=') {
                tokens.add(new Token(Kind.SYMBOL, expression.substring(i, i + 2), i));
                i += 2;
            } else if (c == '<' && i + 1 < n && expression.charAt(i + 1) == '>') {
                tokens.add(new Token(Kind.SYMBOL, "<>", i));
                i += 2;
            } else if ("()[],.=<>+-".indexOf(c) >= 0) {
                tokens.add(new Token(Kind.SYMBOL, String.valueOf(c), i));
                i++;
            } else {
                throw DynamoDbException.validation("Invalid " + expressionKind + ": Invalid character encountered; "
                        + "character: \"" + c + "\", near: \"" + near(expression, i) + "\"");
            }
        }
        tokens.add(new Token(Kind.END, "<EOF>", n));
        return tokens;
    }

    private static int word(String text, int from) {
        int end = from;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        return end;
    }

    static DynamoDbException syntax(String expressionKind, String token, String expression, int position) {
        return DynamoDbException.validation("Invalid " + expressionKind + ": Syntax error; token: \"" + token
                + "\", near: \"" + near(expression, position) + "\"");
    }

    private static String near(String expression, int position) {
        int from = Math.max(0, position - 10);
        int to = Math.min(expression.length(), position + 10);
        return expression.substring(from, to).trim();
    }
}
