package ai.asterai.registry.oci.push;

import ai.asterai.registry.oci.auth.OciRefusals;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.oci.OciException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.registry.blob.BlobLeases;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.blob.BlobStoreException;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.failure.RateLimited;
import ai.asterai.registry.oci.auth.OciPushConfig;
import ai.asterai.registry.oci.auth.PushCaller;
import ai.asterai.registry.ratelimit.RateLimiter;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Blob uploads of the distribution spec: monolithic, chunked and mounted. A session lives in the
 * database (any replica may take the next chunk); each chunk is stored as a blob of its own, and
 * the final PUT assembles them, checks the digest and stores the blob under it. Nothing is held
 * in memory beyond a copy buffer; every byte count is bounded by the upload limit of {@code /v1}.
 */
@ApplicationScoped
public class BlobUploads {
    private static final Logger LOG = Logger.getLogger(BlobUploads.class);
    private final UploadStore sessions;
    private final BlobStore blobs;
    private final BlobLeases leases;
    private final RateLimiter rateLimiter;
    private final RegistryConfig config;
    private final OciPushConfig push;
    private final Clock clock;
    private final long maxSize;

    public BlobUploads(UploadStore sessions, BlobStore blobs, BlobLeases leases, RateLimiter rateLimiter, RegistryConfig config,
                       OciPushConfig push, Clock clock) {
        this.sessions = sessions;
        this.blobs = blobs;
        this.leases = leases;
        this.rateLimiter = rateLimiter;
        this.config = config;
        this.push = push;
        this.clock = clock;
        this.maxSize = config.maxUploadSize().asLongValue();
    }

    /** A blob as stored: where it is and its size. */
    public record Stored(Digest digest, long size) {
    }

    /** Counts one upload request against the caller's upload rate (the publish window of /v1). */
    public void countRequest(PushCaller caller) {
        try {
            rateLimiter.hit("oci-upload:" + caller.caller().rateKey(), push.uploadRateLimit(), config.publishRate().window());
        } catch (RateLimited e) {
            throw OciRefusals.of(OciErrorCode.TOOMANYREQUESTS, 429, "upload rate limit of " + e.limit() + " requests per "
                    + e.window().toSeconds() + " s reached; retry in " + e.retryAfterSeconds() + " s",
                    Map.of("Retry-After", Long.toString(e.retryAfterSeconds())));
        }
    }

    public UploadStore.Session start(String repository) {
        String id = UUID.randomUUID().toString();
        OffsetDateTime now = now();
        QuarkusTransaction.requiringNew().run(() -> sessions.create(id, repository, now, now.plus(push.uploadExpiry())));
        return new UploadStore.Session(id, repository, 0, 0, now.plus(push.uploadExpiry()));
    }

    /** A whole blob in one request: streamed to a file, checked against {@code expected}, stored. */
    public Stored monolithic(Digest expected, InputStream body, long declaredLength) {
        Path tmp = tempFile();
        try {
            Received r = receive(body, tmp, maxSize, declaredLength);
            if (!r.digest().equals(expected)) {
                throw OciRefusals.of(OciErrorCode.DIGEST_INVALID, 400, "the uploaded content has digest " + r.digest() + ", not " + expected);
            }
            store(r.digest(), tmp, r.size());
            return new Stored(r.digest(), r.size());
        } finally {
            delete(tmp);
        }
    }

    /** Makes a blob already stored available to {@code repository}: blobs are shared by digest. */
    public Optional<Stored> mount(Digest digest) {
        try {
            long size = blobs.size(digest);
            if (size < 0) {
                return Optional.empty();
            }
            leases.take(List.of(digest));
            return Optional.of(new Stored(digest, size));
        } catch (BlobStoreException e) {
            throw unavailable(e);
        }
    }

    /** The live session of this repository, or BLOB_UPLOAD_UNKNOWN (unknown, another repository's, or expired). */
    public UploadStore.Session session(String repository, String id) {
        Optional<UploadStore.Session> s = validId(id) ? QuarkusTransaction.requiringNew().call(() -> sessions.find(id)) : Optional.empty();
        return live(s, repository, id);
    }

    private UploadStore.Session live(Optional<UploadStore.Session> s, String repository, String id) {
        if (s.isEmpty() || !s.get().repository().equals(repository)) {
            throw OciRefusals.of(OciErrorCode.BLOB_UPLOAD_UNKNOWN, 404, "no upload session " + PushInput.printable(id) + " in " + repository);
        }
        if (!s.get().expiresAt().isAfter(now())) {
            throw OciRefusals.of(OciErrorCode.BLOB_UPLOAD_UNKNOWN, 404, "upload session " + id + " expired at " + s.get().expiresAt() + "; start a new upload");
        }
        return s.get();
    }

    /**
     * Appends one chunk. {@code contentRange} ({@code start-end}, inclusive), when sent, must start
     * where the session ends (else 416 with the session's {@code Range}) and match the bytes sent.
     */
    public UploadStore.Session append(String repository, String id, String contentRange, InputStream body, long declaredLength) {
        UploadStore.Session s = session(repository, id);
        long[] range = contentRange == null || contentRange.isBlank() ? null : parseRange(contentRange, s);
        if (range != null && range[0] != s.size()) {
            throw outOfOrder(s, "chunk starts at byte " + range[0] + " but the upload has " + s.size() + " bytes; send the chunk from byte " + s.size());
        }
        if (s.chunks() >= push.maxChunks()) {
            throw OciRefusals.of(OciErrorCode.BLOB_UPLOAD_INVALID, 400, "an upload may have at most " + push.maxChunks() + " chunks");
        }
        Path tmp = tempFile();
        try {
            Received r = receive(body, tmp, maxSize - s.size(), declaredLength);
            if (range != null && range[1] - range[0] + 1 != r.size()) {
                throw OciRefusals.of(OciErrorCode.BLOB_UPLOAD_INVALID, 416, "Content-Range " + contentRange + " announces " + (range[1] - range[0] + 1)
                        + " bytes but the chunk has " + r.size(), Map.of("Range", rangeHeader(s.size())));
            }
            if (r.size() == 0) {
                return s;
            }
            store(r.digest(), tmp, r.size());
            return QuarkusTransaction.requiringNew().call(() -> {
                UploadStore.Session locked = live(sessions.lock(id), repository, id);
                if (locked.size() != s.size()) {
                    // another chunk landed while this one streamed: this one no longer starts at the end
                    throw outOfOrder(locked, "another chunk was appended meanwhile; the upload now has " + locked.size() + " bytes");
                }
                sessions.append(locked, r.digest().toString(), r.size());
                return new UploadStore.Session(id, repository, locked.size() + r.size(), locked.chunks() + 1, locked.expiresAt());
            });
        } finally {
            delete(tmp);
        }
    }

    /** Ends the session: an optional last chunk, then the chunks must make up {@code expected}. */
    public Stored finish(String repository, String id, Digest expected, String contentRange, InputStream body, long declaredLength) {
        UploadStore.Session s = append(repository, id, contentRange, body, declaredLength);
        List<UploadStore.Chunk> chunks = QuarkusTransaction.requiringNew().call(() -> sessions.chunks(id));
        Stored stored;
        if (chunks.size() == 1 && chunks.get(0).digest().equals(expected.toString())) {
            stored = new Stored(expected, chunks.get(0).size()); // already stored under its digest
        } else {
            Path tmp = tempFile();
            try {
                MessageDigest md = Digest.sha256();
                long size = 0;
                try (OutputStream out = Files.newOutputStream(tmp)) {
                    for (UploadStore.Chunk c : chunks) {
                        size += copyChunk(Digest.parse(c.digest()), c.size(), out, md);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                Digest actual = Digest.fromRaw(md.digest());
                if (!actual.equals(expected)) {
                    throw OciRefusals.of(OciErrorCode.DIGEST_INVALID, 400, "the uploaded content (" + size + " bytes) has digest " + actual + ", not " + expected);
                }
                store(actual, tmp, size);
                stored = new Stored(actual, size);
            } finally {
                delete(tmp);
            }
        }
        QuarkusTransaction.requiringNew().run(() -> sessions.delete(id));
        LOG.debugf("upload %s to %s finished: %s (%d bytes, %d chunks)", id, repository, stored.digest(), stored.size(), chunks.size());
        return stored;
    }

    public void cancel(String repository, String id) {
        session(repository, id);
        QuarkusTransaction.requiringNew().run(() -> sessions.delete(id));
    }

    /** Deletes expired sessions; their chunk blobs, referenced by nothing, go to the blob collector. */
    public long clean() {
        OffsetDateTime now = now();
        return QuarkusTransaction.requiringNew().call(() -> sessions.removeExpired(now));
    }

    /** The {@code Range} header of a session holding {@code size} bytes (docker's form: {@code 0-0} when empty). */
    public static String rangeHeader(long size) {
        return "0-" + Math.max(0, size - 1);
    }

    private long copyChunk(Digest d, long size, OutputStream out, MessageDigest md) throws IOException {
        try (InputStream in = blobs.open(d, 0, size)) {
            if (in == null) {
                throw OciRefusals.of(OciErrorCode.BLOB_UPLOAD_UNKNOWN, 404, "a chunk of this upload is no longer stored; start the upload again");
            }
            byte[] buf = new byte[64 * 1024];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                md.update(buf, 0, n);
                total += n;
            }
            return total;
        } catch (BlobStoreException e) {
            throw unavailable(e);
        }
    }

    private static long[] parseRange(String header, UploadStore.Session s) {
        String v = header.trim();
        if (v.startsWith("bytes ")) {
            v = v.substring(6).trim();
        }
        int dash = v.indexOf('-');
        try {
            long start = Long.parseLong(v.substring(0, dash));
            long end = Long.parseLong(v.substring(dash + 1));
            if (start < 0 || end < start) {
                throw new NumberFormatException();
            }
            return new long[]{start, end};
        } catch (RuntimeException e) {
            throw outOfOrder(s, "Content-Range must be <start>-<end>, got '" + PushInput.printable(header) + "'");
        }
    }

    private static OciException outOfOrder(UploadStore.Session s, String message) {
        return OciRefusals.of(OciErrorCode.BLOB_UPLOAD_INVALID, 416, message, Map.of("Range", rangeHeader(s.size()),
                "Location", "/v2/" + s.repository() + "/blobs/uploads/" + s.id(), "Docker-Upload-UUID", s.id()));
    }

    private record Received(Digest digest, long size) {
    }

    /** Streams the body to {@code file}, digesting it; over {@code limit} bytes it stops with 413. */
    private Received receive(InputStream body, Path file, long limit, long declaredLength) {
        if (declaredLength > limit) {
            throw tooLarge();
        }
        MessageDigest md = Digest.sha256();
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            if (body != null) {
                byte[] buf = new byte[64 * 1024];
                for (int n; (n = body.read(buf)) > 0; ) {
                    total += n;
                    if (total > limit) {
                        throw tooLarge();
                    }
                    out.write(buf, 0, n);
                    md.update(buf, 0, n);
                }
            }
        } catch (IOException e) {
            throw OciRefusals.of(OciErrorCode.BLOB_UPLOAD_INVALID, 400, "the request body was cut short or unreadable");
        }
        if (declaredLength >= 0 && total != declaredLength) {
            throw OciRefusals.of(OciErrorCode.SIZE_INVALID, 400, "Content-Length says " + declaredLength + " bytes but " + total + " arrived");
        }
        return new Received(Digest.fromRaw(md.digest()), total);
    }

    private OciException tooLarge() {
        return OciRefusals.of(OciErrorCode.SIZE_INVALID, 413, "blob is larger than the upload limit of " + maxSize + " bytes",
                Map.of("Connection", "close"));
    }

    private void store(Digest digest, Path file, long size) {
        // leased before the put, so the collector keeps the blob until a manifest or release names it
        leases.take(List.of(digest));
        try {
            blobs.put(digest, file, size);
        } catch (BlobStoreException e) {
            throw unavailable(e);
        }
    }

    static OciException unavailable(BlobStoreException e) {
        LOG.errorf("object store failure during an OCI push: %s", e.getMessage());
        return OciRefusals.of(OciErrorCode.TOOMANYREQUESTS, 503, "the object store is unavailable; try again", Map.of("Retry-After", "5"));
    }

    private static boolean validId(String id) {
        try {
            return id != null && id.length() == 36 && UUID.fromString(id).toString().equals(id);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("oci-upload", ".part");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warnf("could not delete temporary file %s: %s", p, e.getMessage());
        }
    }
}
