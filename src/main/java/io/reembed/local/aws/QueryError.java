package io.reembed.local.aws;

/** An error answer of a query-protocol service: HTTP status, error code and message. */
class QueryError extends RuntimeException {

    private final int status;
    private final String code;

    QueryError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }
}
