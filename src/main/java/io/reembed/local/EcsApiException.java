package io.reembed.local;

import java.util.List;

/** An error answer of the ECS JSON protocol: {@code __type} and {@code message}, as the real service sends. */
public class EcsApiException extends RuntimeException {

    private final String type;
    private final int status;
    private final List<String> resourceIds;

    public EcsApiException(String type, String message) {
        this(type, message, 400, List.of());
    }

    public EcsApiException(String type, String message, int status, List<String> resourceIds) {
        super(message);
        this.type = type;
        this.status = status;
        this.resourceIds = resourceIds;
    }

    public static EcsApiException throttled() {
        return new EcsApiException("ThrottlingException", "Rate exceeded");
    }

    public static EcsApiException invalidParameter(String message) {
        return new EcsApiException("InvalidParameterException", message);
    }

    public static EcsApiException client(String message) {
        return new EcsApiException("ClientException", message);
    }

    public static EcsApiException clusterNotFound() {
        return new EcsApiException("ClusterNotFoundException", "Cluster not found.");
    }

    public String type() {
        return type;
    }

    public int status() {
        return status;
    }

    public List<String> resourceIds() {
        return resourceIds;
    }
}
