package io.reembed.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.jboss.logging.Logger;

/** Amazon DynamoDB Local, run inside this JVM for the demo mode and the tests. */
public class DynamoDbLocalServer {

    private static final Logger LOG = Logger.getLogger(DynamoDbLocalServer.class);
    public static final String LOOPBACK = "127.0.0.1";

    private final DynamoDBProxyServer server;
    private final int port;

    private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Listens on the port of {@code endpoint}; keeps its files in {@code dataDir}, or in memory. */
    public static DynamoDbLocalServer start(URI endpoint, Optional<Path> dataDir) {
        List<String> args = new ArrayList<>(List.of("-port", Integer.toString(endpoint.getPort()),
                "-sharedDb", "-disableTelemetry"));
        if (dataDir.isPresent()) {
            try {
                Files.createDirectories(dataDir.get());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create the demo data directory " + dataDir.get(), e);
            }
            args.addAll(List.of("-dbPath", dataDir.get().toAbsolutePath().toString()));
        } else {
            args.add("-inMemory");
        }
        try {
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
            bindToLoopback(server);
            server.start();
            LOG.infof("DynamoDB Local listens on %s (%s)", endpoint,
                    dataDir.map(dir -> "data in " + dir.toAbsolutePath()).orElse("in memory"));
            return new DynamoDbLocalServer(server, endpoint.getPort());
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local could not start on port " + endpoint.getPort()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * DynamoDB Local has no option for the address it listens on and takes every interface, which
     * would let anyone on the network read and write the demo's tables. Its Jetty connector is
     * bound to the loopback before it starts; if that cannot be done, the demo does not start.
     */
    private static void bindToLoopback(DynamoDBProxyServer proxy) throws ReflectiveOperationException {
        Field field = DynamoDBProxyServer.class.getDeclaredField("server");
        field.setAccessible(true);
        Server jetty = (Server) field.get(proxy);
        for (Connector connector : jetty.getConnectors()) {
            if (!(connector instanceof ServerConnector network)) {
                throw new IllegalStateException("unexpected connector " + connector);
            }
            network.setHost(LOOPBACK);
        }
    }

    public int port() {
        return port;
    }

    public void stop() {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("DynamoDB Local did not stop cleanly", e);
        }
    }
}
