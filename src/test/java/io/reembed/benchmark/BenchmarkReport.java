package io.reembed.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Prints a benchmark's findings and appends them to target/benchmarks/NAME.txt. */
final class BenchmarkReport {

    private final Path file;
    private final StringBuilder text = new StringBuilder();

    BenchmarkReport(String name) {
        this.file = Path.of("target", "benchmarks", name + ".txt");
    }

    BenchmarkReport line(String format, Object... args) {
        String line = String.format(format, args);
        System.out.println("[benchmark] " + line);
        text.append(line).append(System.lineSeparator());
        return this;
    }

    void write() {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
