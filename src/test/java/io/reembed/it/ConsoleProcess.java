package io.reembed.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import io.reembed.local.LocalPorts;

/** The packaged console as its own process, as an operator runs it: started, killed, started again. */
final class ConsoleProcess implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    /** What Quarkus prints once started (plain or JSON logs), after every startup step and both servers. */
    private static final Pattern STARTED = Pattern.compile("started in [0-9.]+s\\. Listening on");

    private final Map<String, String> environment;
    private final Path logDir;
    private int port;
    private int managementPort;
    /** Whether a start succeeded: from then on the console keeps its ports, as a restarted service keeps its address. */
    private boolean started;
    private Process process;
    private int starts;

    ConsoleProcess(Map<String, String> environment, Path logDir) {
        this.environment = environment;
        this.logDir = logDir;
        pickPorts();
    }

    /**
     * The demo's emulators answer on its own port, so the console is told its ports (it cannot take
     * port 0 and say which it got before its clients are made).
     */
    private void pickPorts() {
        port = LocalPorts.free();
        do {
            managementPort = LocalPorts.free();
        } while (managementPort == port);
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

    /**
     * Starts the console and waits until it says it started and answers. A port picked here can be
     * taken by another process before the console binds it: a first start that ends before the console
     * said it started is tried once more on other ports (its log is kept beside the next one's).
     */
    void start() throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            Path log = launch();
            boolean exited = awaitStarted(log);
            if (!exited) {
                started = true;
                return;
            }
            if (started || attempt == 2) {
                throw new IllegalStateException("The console exited with " + process.exitValue() + "; see " + log);
            }
            pickPorts();
        }
    }

    private Path launch() throws IOException {
        Files.createDirectories(logDir);
        Path log = logDir.resolve("console-" + (++starts) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        process = builder.start();
        return log;
    }

    /** Waits until the console said it started and answers (false), or exited (true). */
    private boolean awaitStarted(Path log) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                return true;
            }
            if (STARTED.matcher(new String(Files.readAllBytes(log), java.nio.charset.StandardCharsets.UTF_8)).find()
                    && answers()) {
                return false;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("The console did not answer within 60 s; see " + log);
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
        // C1 alone: a console here lives a minute or two, and the full JIT's compiling would cost more CPU than it saves;
        // the serial collector spends the least CPU on a small heap (G1's concurrent threads and barriers do not pay here).
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-jar", JAR.toString());
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
