package ai.asterai.client.cache;

import ai.asterai.client.fs.AtomicFiles;
import ai.asterai.protocol.crypto.Digest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Blobs stored by their SHA-256 under {@code cache/sha256/<hex>}. A blob enters only through a
 * temp file renamed into place after its digest was checked, so two processes storing the same
 * blob at once both end with a whole, correct file; and every read hashes the file again, so a
 * blob damaged on disk is discarded instead of used.
 */
public final class ContentCache {
    private static final Duration STALE_TEMP = Duration.ofHours(1);
    private final Path blobs;
    private final Path tmp;

    public ContentCache(Path cacheRoot) {
        this.blobs = cacheRoot.resolve("sha256");
        this.tmp = cacheRoot.resolve("tmp");
    }

    public Path blobPath(Digest digest) {
        return blobs.resolve(digest.hex());
    }

    /** The blob's path if it is present and still hashes to {@code digest}; a damaged blob is deleted. */
    public Optional<Path> verified(Digest digest) {
        Path p = blobPath(digest);
        try (InputStream in = Files.newInputStream(p)) {
            if (Digest.of(in).matches(digest)) {
                return Optional.of(p);
            }
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        discard(digest);
        return Optional.empty();
    }

    /** Whether the blob file exists, without checking it (for listings). */
    public boolean contains(Digest digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    /** A fresh temp file on the cache's file system, so committing it is a rename. */
    public Path newTempFile() {
        try {
            return AtomicFiles.tempFile(tmp, "download-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a temp file whose digest the caller has checked into place and returns its final path. */
    public Path commit(Path tempFile, Digest digest) {
        try {
            AtomicFiles.privateDirectories(blobs);
            AtomicFiles.sync(tempFile);
            Path target = blobPath(digest);
            AtomicFiles.moveIntoPlace(tempFile, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stores small bytes (a manifest, WIT text); returns the blob's path. */
    public Path put(byte[] bytes) {
        Digest d = Digest.of(bytes);
        Path t = newTempFile();
        try {
            Files.write(t, bytes);
            return commit(t, d);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(t);
        }
    }

    public void discard(Digest digest) {
        deleteQuietly(blobPath(digest));
    }

    public record BlobEntry(Digest digest, long size) {
    }

    /** Every blob file present (names that are not a digest are ignored). */
    public List<BlobEntry> list() {
        if (!Files.isDirectory(blobs)) {
            return List.of();
        }
        List<BlobEntry> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(blobs)) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (name.matches("[0-9a-f]{64}") && Files.isRegularFile(p)) {
                    out.add(new BlobEntry(new Digest(name), Files.size(p)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    /** Deletes blobs not in {@code keep} and temp files left by interrupted downloads; returns bytes freed. */
    public long collectGarbage(Set<Digest> keep) {
        long freed = 0;
        for (BlobEntry b : list()) {
            if (keep.stream().noneMatch(k -> k.hex().equals(b.digest().hex()))) {
                discard(b.digest());
                freed += b.size();
            }
        }
        if (Files.isDirectory(tmp)) {
            Instant cutoff = Instant.now().minus(STALE_TEMP);
            try (Stream<Path> files = Files.list(tmp)) {
                for (Path p : files.toList()) {
                    // a young temp file may belong to a pull running right now
                    FileTime t = Files.getLastModifiedTime(p);
                    if (t.toInstant().isBefore(cutoff)) {
                        freed += Files.size(p);
                        deleteQuietly(p);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return freed;
    }

    public static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // best effort: a leftover temp file is collected by `asterai cache gc`
        }
    }
}
