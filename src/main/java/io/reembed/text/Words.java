package io.reembed.text;

/** Counts in words, the same everywhere: "1 item", "2 items", "1 task", "0 tasks". */
public final class Words {

    private Words() {
    }

    /** The count and the noun, singular for exactly one; the plural adds an "s" unless given. */
    public static String count(long count, String singular) {
        return count(count, singular, singular + "s");
    }

    public static String count(long count, String singular, String plural) {
        return count + " " + (count == 1 ? singular : plural);
    }
}
