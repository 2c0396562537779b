package io.reembed.security;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Every socket the demo listens on (the console and its management port; DynamoDB is served on the console's own port) is bound to the loopback: read
 * from the kernel's own table of this process's sockets, not from what the logs say.
 */
@QuarkusTest
class DemoSocketsTest {

    private static final String LISTEN = "0A";

    @Test
    void noSocketOfTheDemoListensBeyondTheLoopback() throws IOException {
        Set<String> ours = socketInodes();
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/self/net/tcp", "/proc/self/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] fields = line.trim().split("\\s+");
                if (LISTEN.equals(fields[3]) && ours.contains(fields[9])) {
                    listening.add(fields[1]);
                }
            }
        }
        assertFalse(listening.isEmpty(), "the console listens: " + listening);
        for (String address : listening) {
            String ip = address.substring(0, address.indexOf(':'));
            assertTrue(ip.equals("0100007F") || ip.equals("00000000000000000000000001000000")
                    || ip.equals("0000000000000000FFFF00000100007F"), "listens beyond the loopback: " + address);
        }
    }

    private static Set<String> socketInodes() throws IOException {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return inodes;
    }
}
