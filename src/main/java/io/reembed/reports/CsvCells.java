package io.reembed.reports;

/**
 * One CSV cell as RFC 4180 writes it, made safe to open in a spreadsheet: bot titles and reasons are
 * typed by end users, and a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or
 * a carriage return would be read as a formula, so it gets a leading apostrophe.
 */
final class CsvCells {

    private CsvCells() {
    }

    /** A text cell: neutralised, then quoted when it holds a comma, a quote or a line break. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "";
        }
        char first = value.charAt(0);
        String safe = first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
        if (safe.indexOf(',') >= 0 || safe.indexOf('"') >= 0 || safe.indexOf('\n') >= 0 || safe.indexOf('\r') >= 0) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }

    /** A number the console wrote itself. */
    static String number(Number value) {
        return value == null ? "" : value.toString();
    }
}
