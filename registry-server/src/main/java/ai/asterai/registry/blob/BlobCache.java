package ai.asterai.registry.blob;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.config.RegistryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps recently served small blobs in memory. Blobs are immutable and addressed by digest, so an
 * entry is never stale; each one is checked against its digest before it is kept.
 */
@ApplicationScoped
public class BlobCache {
    private final BlobStore store;
    private final long maxBytes;
    private final long maxEntry;
    private final LinkedHashMap<String, byte[]> entries = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;
    private final AtomicLong hits = new AtomicLong();
    private final AtomicLong misses = new AtomicLong();

    public BlobCache(BlobStore store, RegistryConfig config, MeterRegistry meters) {
        this.store = store;
        this.maxBytes = config.blobCache().maxBytes().asLongValue();
        this.maxEntry = Math.min(config.blobCache().maxEntry().asLongValue(), maxBytes);
        meters.gauge("asterai.blob.cache.bytes", this, c -> c.currentBytes());
        meters.more().counter("asterai.blob.cache.hits", java.util.List.of(), hits);
        meters.more().counter("asterai.blob.cache.misses", java.util.List.of(), misses);
    }

    private synchronized long currentBytes() {
        return bytes;
    }

    /** The whole blob when it is small enough to cache; null when absent or too large (stream it instead). */
    public byte[] get(Digest digest, long size) throws BlobStoreException {
        synchronized (this) {
            byte[] b = entries.get(digest.hex());
            if (b != null) {
                hits.incrementAndGet();
                return b;
            }
        }
        if (size < 0 || size > maxEntry) {
            return null;
        }
        misses.incrementAndGet();
        byte[] data;
        try (InputStream in = store.open(digest, 0, -1)) {
            if (in == null) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) size);
            in.transferTo(out);
            data = out.toByteArray();
        } catch (IOException e) {
            throw new BlobStoreException("cannot read blob " + digest, e);
        }
        if (!Digest.of(data).matches(digest)) {
            throw new BlobStoreException("stored blob " + digest + " does not match its digest", null);
        }
        synchronized (this) {
            if (entries.put(digest.hex(), data) == null) {
                bytes += data.length;
            }
            var it = entries.entrySet().iterator();
            while (bytes > maxBytes && it.hasNext()) {
                Map.Entry<String, byte[]> eldest = it.next();
                bytes -= eldest.getValue().length;
                it.remove();
            }
        }
        return data;
    }

    /** The size of a cached blob, or -1 when it is not in memory (nothing is loaded). */
    public synchronized long cachedSize(Digest digest) {
        byte[] b = entries.get(digest.hex());
        return b == null ? -1 : b.length;
    }

    /** Forgets a blob that was deleted from the store. */
    public synchronized void evict(Digest digest) {
        byte[] gone = entries.remove(digest.hex());
        if (gone != null) {
            bytes -= gone.length;
        }
    }
}
