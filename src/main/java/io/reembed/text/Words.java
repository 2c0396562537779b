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

    /** A span the way every page says it: "42 s", "3 min 05 s", "1 h 04 min". */
    public static String duration(java.time.Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(java.util.Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
        }
        return String.format(java.util.Locale.ROOT, "%d h %02d min", seconds / 3600, (seconds % 3600) / 60);
    }
}
