package io.reembed.logs;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links into the AWS console, built from names (never fetched): a task in ECS, a log stream in CloudWatch. */
public final class ConsoleLinks {

    private ConsoleLinks() {
    }

    public static String ecsTask(String region, String cluster, String taskId) {
        String clusterName = cluster.substring(cluster.lastIndexOf('/') + 1);
        return "https://" + region + ".console.aws.amazon.com/ecs/v2/clusters/" + encode(clusterName) + "/tasks/"
                + encode(taskId) + "/configuration?region=" + region;
    }

    /** The CloudWatch console's own encoding of names in its fragment: URL-encoded, then each % as $25. */
    public static String logStream(String region, LogLocation location) {
        return "https://" + region + ".console.aws.amazon.com/cloudwatch/home?region=" + region
                + "#logsV2:log-groups/log-group/" + consoleEncode(location.group()) + "/log-events/"
                + consoleEncode(location.stream());
    }

    static String consoleEncode(String name) {
        return encode(name).replace("%", "$25");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
