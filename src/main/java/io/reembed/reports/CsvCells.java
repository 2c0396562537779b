package io.reembed.reports;

/**
 * One CSV cell as RFC 4180 writes it, made safe to open in a spreadsheet whatever separator the
 * spreadsheet splits on: bot titles and reasons are typed by end users. Every text cell is quoted;
 * a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return
 * would be read as a formula, and so would such a character right after a separator that a
 * spreadsheet may split on instead of the comma ({@code ;} in much of Europe, a tab, a line break,
 * {@code |}); each such place gets an apostrophe before the character.
 */
final class CsvCells {

    private static final String DANGEROUS = "=+-@\t\r";
    private static final String SEPARATORS = ",;\t\n\r|";

    private CsvCells() {
    }

    /** A text cell: neutralised, then quoted. */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return "\"\"";
        }
        return '"' + neutralised(value).replace("\"", "\"\"") + '"';
    }

    static String neutralised(String value) {
        StringBuilder safe = new StringBuilder(value.length() + 2);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean cellStart = i == 0 || SEPARATORS.indexOf(value.charAt(i - 1)) >= 0;
            if (cellStart && DANGEROUS.indexOf(c) >= 0) {
                safe.append('\'');
            }
            safe.append(c);
        }
        return safe.toString();
    }

    /** A number the console wrote itself. */
    static String number(Number value) {
        return value == null ? "" : value.toString();
    }
}
