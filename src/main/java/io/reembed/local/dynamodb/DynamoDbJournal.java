package io.reembed.local.dynamodb;

import java.io.BufferedReader;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jboss.logging.Logger;

/**
 * The emulator's writes, one JSON line each, handed to the operating system before the write is
 * answered: a {@code kill -9} loses no answered write. Replayed on start; a last line cut short by
 * a crash was never answered and is dropped. Rewritten as a snapshot of the live items now and then.
 */
final class DynamoDbJournal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynamoDbJournal.class);
    static final String FILE = "dynamodb-journal.jsonl";
    static final long MIN_RECORDS_BEFORE_COMPACTING = 5_000;

    private final Path file;
    private final ObjectMapper json;
    private final long compactAfter;
    private OutputStream out;
    private long records;
    private volatile boolean closed;

    private DynamoDbJournal(Path file, ObjectMapper json, long compactAfter) {
        this.file = file;
        this.json = json;
        this.compactAfter = compactAfter;
    }

    /**
     * Opens the journal in {@code directory}, replaying every whole record it holds; it is worth
     * compacting once it holds more than {@code compactAfter} records.
     */
    static DynamoDbJournal open(Path directory, ObjectMapper json, Consumer<ObjectNode> replay, long compactAfter) {
        try {
            Files.createDirectories(directory);
            DynamoDbJournal journal = new DynamoDbJournal(directory.resolve(FILE), json, compactAfter);
            journal.replay(replay);
            journal.out = new FileOutputStream(journal.file.toFile(), true);
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the DynamoDB emulator's journal in " + directory, e);
        }
    }

    private void replay(Consumer<ObjectNode> apply) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        long good = 0;
        long read = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                read += line.getBytes(StandardCharsets.UTF_8).length + 1;
                JsonNode record;
                try {
                    record = json.readTree(line);
                } catch (JsonProcessingException e) {
                    break;
                }
                if (record == null || !record.isObject()) {
                    break;
                }
                apply.accept((ObjectNode) record);
                records++;
                good = read;
            }
        }
        long size = Files.size(file);
        if (good < size) {
            LOG.warnf("DynamoDB emulator: the journal's last %d bytes were cut short by a crash (never answered); dropped",
                    size - good);
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(good);
            }
        }
    }

    void append(ObjectNode record) {
        if (closed) {
            throw new IllegalStateException("The DynamoDB emulator has stopped: its journal takes no more writes");
        }
        try {
            byte[] line = (json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8);
            out.write(line);
            out.flush();
            records++;
        } catch (IOException e) {
            throw new UncheckedIOException("The DynamoDB emulator could not write its journal " + file, e);
        }
    }

    /** Whether the journal holds far more records than the live state needs. */
    boolean worthCompacting(long liveRecords) {
        return records > compactAfter && records > 2 * liveRecords;
    }

    /** Replaces the journal with these records (the live state), atomically. */
    void compact(List<ObjectNode> snapshot) {
        Path next = file.resolveSibling(FILE + ".next");
        try {
            try (OutputStream writer = Files.newOutputStream(next)) {
                for (ObjectNode record : snapshot) {
                    writer.write((json.writeValueAsString(record) + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            out.close();
            Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out = new FileOutputStream(file.toFile(), true);
            records = snapshot.size();
        } catch (IOException e) {
            throw new UncheckedIOException("The DynamoDB emulator could not compact its journal " + file, e);
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            out.close();
        } catch (IOException e) {
            LOG.debugf("Journal %s not closed cleanly: %s", file, e.getMessage());
        }
    }
}
