package io.reembed.bots;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;

import io.reembed.config.ReembedConfig;
import io.reembed.deployment.Deployment;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * The bots of the configured table, read once and served from memory until the snapshot is
 * older than the configured TTL, so that filtering and paging 10,000 bots costs no AWS call.
 */
@ApplicationScoped
public class BotCatalog {

    private static final Logger LOG = Logger.getLogger(BotCatalog.class);

    private final BotScanner scanner;
    private final ReembedConfig config;
    private final Deployment deployment;
    private final Clock clock;
    private final ReentrantLock loading = new ReentrantLock();
    private volatile CatalogSnapshot current;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong readNanos = new AtomicLong();
    private final AtomicLong itemsRead = new AtomicLong();

    public BotCatalog(BotScanner scanner, ReembedConfig config, Deployment deployment, Clock clock) {
        this.scanner = scanner;
        this.config = config;
        this.deployment = deployment;
        this.clock = clock;
    }

    /** The current snapshot, read again first when it is missing, stale or {@code refresh} is asked. */
    public CatalogSnapshot snapshot(boolean refresh) {
        CatalogSnapshot snapshot = current;
        if (fresh(snapshot) && (!refresh || youngerThan(snapshot, config.catalog().minRefreshInterval()))) {
            // A refresh re-reads the whole table: at most one per min-refresh-interval, whoever asks.
            return snapshot;
        }
        loading.lock();
        try {
            // Another request may have loaded it while this one waited.
            if (current != snapshot && youngerThan(current, config.catalog().minRefreshInterval())) {
                return current;
            }
            current = load();
            return current;
        } finally {
            loading.unlock();
        }
    }

    public CatalogSnapshot snapshot() {
        return snapshot(false);
    }

    /** Readings of the table so far, for the metrics endpoint. */
    public long reads() {
        return reads.get();
    }

    public long readNanos() {
        return readNanos.get();
    }

    /** Items DynamoDB returned over all readings (bots and aliases; conversations too when the table is scanned). */
    public long itemsRead() {
        return itemsRead.get();
    }

    /** Forgets the snapshot, so that the next read goes to the table. */
    public void invalidate() {
        current = null;
    }

    private boolean fresh(CatalogSnapshot snapshot) {
        return youngerThan(snapshot, config.catalog().cacheTtl());
    }

    private boolean youngerThan(CatalogSnapshot snapshot, Duration age) {
        return snapshot != null && Duration.between(snapshot.loadedAt(), clock.instant()).compareTo(age) < 0;
    }

    private CatalogSnapshot load() {
        Instant start = clock.instant();
        long startNanos = System.nanoTime();
        String table = deployment.tableName().orElseThrow(() -> new CatalogUnavailableException(
                "The bots cannot be listed: " + deployment.settings().problem(), null));
        try {
            BotScanner.Result result = scanner.read(table, config.catalog().index(),
                    config.catalog().source(), config.catalog().scanSegments());
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            reads.incrementAndGet();
            readNanos.addAndGet(took.toNanos());
            itemsRead.addAndGet(result.itemsRead());
            LOG.infof("Read %d bots from %s (%s) in %d ms", result.bots().size(), table,
                    result.source(), took.toMillis());
            return CatalogSnapshot.of(result, start, took);
        } catch (SdkException e) {
            throw new CatalogUnavailableException("Could not read the bots of table " + table + ": "
                    + e.getMessage(), e);
        }
    }
}
