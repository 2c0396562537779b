package io.reembed.runs.web;

import io.reembed.runs.SelectionException;

/** Numbers typed into a form: a clear refusal for anything else, never a bare 404 from parameter conversion. */
final class FormNumbers {

    private FormNumbers() {
    }

    /** The number, or null when the field is blank. */
    static Integer optional(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new SelectionException(field + " must be a whole number, not \"" + value.strip() + "\". Nothing was changed.");
        }
    }

    /** A number that may have a fraction (a rate), or null when the field is blank. */
    static Double optionalDecimal(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            double number = Double.parseDouble(value.trim());
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SelectionException(field + " must be a number, not \"" + value.strip() + "\". Nothing was changed.");
    }

    static int orDefault(String field, String value, int fallback) {
        Integer number = optional(field, value);
        return number == null ? fallback : number;
    }
}
