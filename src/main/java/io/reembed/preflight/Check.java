package io.reembed.preflight;

/**
 * One preflight check: what was checked, what AWS said, and what to do about it. A failed check
 * blocks launching; one that could not be checked (no permission, throttled) does not.
 */
public record Check(String id, String title, CheckStatus status, String detail, String advice) {

    public static Check pass(String id, String title, String detail) {
        return new Check(id, title, CheckStatus.PASS, detail, "");
    }

    public static Check warn(String id, String title, String detail, String advice) {
        return new Check(id, title, CheckStatus.WARN, detail, advice);
    }

    public static Check fail(String id, String title, String detail, String advice) {
        return new Check(id, title, CheckStatus.FAIL, detail, advice);
    }

    public static Check unknown(String id, String title, String detail, String advice) {
        return new Check(id, title, CheckStatus.UNKNOWN, detail, advice);
    }

    public boolean blocks() {
        return status == CheckStatus.FAIL;
    }
}
