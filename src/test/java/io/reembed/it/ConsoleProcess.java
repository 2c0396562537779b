package io.reembed.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.reembed.local.LocalPorts;

/** The packaged console as its own process, as an operator runs it: started, killed, started again. */
final class ConsoleProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Map<String, String> environment;
    private final Path logDir;
    private final int port;
    private final int managementPort;
    private Process process;
    private int starts;

    ConsoleProcess(Map<String, String> environment, Path logDir) {
        this.environment = environment;
        this.logDir = logDir;
        this.port = LocalPorts.free();
        this.managementPort = LocalPorts.free();
    }

    /** Health, metrics and the OpenAPI document: the management interface, a port of its own. */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    /** What the process printed in its latest start. */
    String output() throws IOException {
        return Files.readString(logDir.resolve("console-" + starts + ".log"));
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(logDir);
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true)
                .redirectOutput(logDir.resolve("console-" + (++starts) + ".log").toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        process = builder.start();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The console exited with " + process.exitValue() + "; see " + logDir);
            }
            if (answers()) {
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The console did not answer within 60 s; see " + logDir);
    }

    /** RunTask calls the console has made since it started, from its metrics. */
    long runTaskCalls() {
        String metrics = io.restassured.RestAssured.given().baseUri(managementUrl()).when().get("/q/metrics").then()
                .statusCode(200).extract().asString();
        return Math.round(metrics.lines().filter(line -> line.startsWith("reembed_runtask_calls_total"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum());
    }

    /** The command that starts the packaged app. */
    static List<String> command() {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException("No packaged app at " + JAR + ": run the tests with mvn verify");
        }
        // C1 alone: a console here lives a minute or two, and the full JIT's compiling would cost more CPU than it saves.
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString());
    }

    /** Ends the process as a crash or an operator's kill -9 would: nothing gets to shut down cleanly. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

    private boolean answers() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl() + "/bots").toURL().openConnection();
            connection.setConnectTimeout(1000);
            connection.setReadTimeout(5000);
            int status = connection.getResponseCode();
            // 401: aws mode, up and asking for a login.
            return status == 200 || status == 401;
        } catch (IOException e) {
            return false;
        }
    }
}
