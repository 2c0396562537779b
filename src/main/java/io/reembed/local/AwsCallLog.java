package io.reembed.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every AWS action the console itself called on the demo's emulators, with the resource it named:
 * what its IAM policy must allow. Only requests marked by the console's own clients count (see
 * io.reembed.aws.ConsoleClient). With the system property {@code aws-calls.dir} each new
 * call is also written to a file of this process there, so a test can compare the calls of a whole
 * test run with the deployment template's policy.
 */
public final class AwsCallLog {

    public static final String DIRECTORY_PROPERTY = "aws-calls.dir";

    /** One action ("ecs:RunTask") on one resource (an ARN, or "*" for actions that take none). */
    public record Call(String action, String resource) {
        public String line() {
            return action + " " + resource;
        }
    }

    private static final Set<Call> CALLS = ConcurrentHashMap.newKeySet();

    private AwsCallLog() {
    }

    public static void record(String action, List<String> resources) {
        for (String resource : resources.isEmpty() ? List.of("*") : resources) {
            Call call = new Call(action, resource);
            if (CALLS.add(call)) {
                write(call);
            }
        }
    }

    public static Set<Call> calls() {
        return Set.copyOf(CALLS);
    }

    private static void write(Call call) {
        String directory = System.getProperty(DIRECTORY_PROPERTY);
        if (directory == null || directory.isBlank()) {
            return;
        }
        Path file = Path.of(directory, ProcessHandle.current().pid() + ".txt");
        try {
            Files.createDirectories(file.getParent());
            synchronized (AwsCallLog.class) {
                // The JVM's first call starts the file anew (a pid of an earlier run may come again);
                // a system property, since each Quarkus app of a test run has its own copy of this class.
                boolean first = System.getProperties().putIfAbsent(DIRECTORY_PROPERTY + ".started", "true") == null;
                Files.writeString(file, call.line() + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        first ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot record an AWS call in " + file, e);
        }
    }
}
