package io.reembed.estimate;

/** Durations in words for the pages: "45 s", "12 min 5 s", "3 h 20 min". */
final class Durations {

    private Durations() {
    }

    static String label(double seconds) {
        long total = Math.round(seconds);
        if (total < 60) {
            return total + " s";
        }
        if (total < 3600) {
            return total / 60 + " min" + (total % 60 == 0 ? "" : " " + total % 60 + " s");
        }
        long minutes = (total % 3600) / 60;
        return total / 3600 + " h" + (minutes == 0 ? "" : " " + minutes + " min");
    }
}
