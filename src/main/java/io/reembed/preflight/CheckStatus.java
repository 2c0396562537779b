package io.reembed.preflight;

/** A check's outcome: green, amber (does not block), red (blocks launching), grey (could not check). */
public enum CheckStatus {
    PASS("ok"), WARN("warning"), FAIL("failed"), UNKNOWN("could not check");

    private final String word;

    CheckStatus(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public String css() {
        return name().toLowerCase();
    }
}
