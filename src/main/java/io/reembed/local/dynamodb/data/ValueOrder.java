package io.reembed.local.dynamodb.data;

import java.util.Comparator;

/** DynamoDB's order of scalar values: strings by their UTF-8 bytes, numbers by value, binaries unsigned. */
public final class ValueOrder {

    /** Orders key values of one type; across types (never within one key) by type tag. */
    public static final Comparator<Value> KEYS = ValueOrder::compare;

    private ValueOrder() {
    }

    /** Whether {@code <} and its kin apply: two values of one scalar type S, N or B. */
    public static boolean ordered(Value a, Value b) {
        return a != null && b != null && a.type().equals(b.type())
                && (a instanceof Value.S || a instanceof Value.N || a instanceof Value.B);
    }

    public static int compare(Value a, Value b) {
        if (a instanceof Value.S x && b instanceof Value.S y) {
            return compareCodePoints(x.value(), y.value());
        }
        if (a instanceof Value.N x && b instanceof Value.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof Value.B x && b instanceof Value.B y) {
            return x.value().compareTo(y.value());
        }
        return a.type().compareTo(b.type());
    }

    /** Code point order is UTF-8 byte order (UTF-16 order differs past the surrogates). */
    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int x = a.codePointAt(i);
            int y = b.codePointAt(j);
            if (x != y) {
                return Integer.compare(x, y);
            }
            i += Character.charCount(x);
            j += Character.charCount(y);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
