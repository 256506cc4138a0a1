package ai.asterai.client.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentCacheTest {
    @TempDir
    Path root;

    @Test
    void storesByDigestAndReadsBackVerified() throws Exception {
        ContentCache cache = new ContentCache(root);
        byte[] bytes = "hello".getBytes();
        Path p = cache.put(bytes);
        Digest d = Digest.of(bytes);
        assertEquals(root.resolve("sha256").resolve(d.hex()), p);
        assertArrayEquals(bytes, Files.readAllBytes(cache.verified(d).orElseThrow()));
    }

    @Test
    void aDamagedBlobIsDiscardedOnRead() throws Exception {
        ContentCache cache = new ContentCache(root);
        byte[] bytes = "hello".getBytes();
        Path p = cache.put(bytes);
        Files.write(p, "hellp".getBytes());
        assertTrue(cache.verified(Digest.of(bytes)).isEmpty());
        assertFalse(Files.exists(p));
    }

    @Test
    void concurrentWritersOfTheSameBlobLeaveOneWholeFile() throws Exception {
        ContentCache cache = new ContentCache(root);
        byte[] big = new byte[4 * 1024 * 1024];
        new Random(7).nextBytes(big);
        Digest d = Digest.of(big);
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    Path tmp = cache.newTempFile();
                    Files.write(tmp, big);
                    cache.commit(tmp, d);
                    // a reader during the race always sees a whole, correct file
                    assertTrue(cache.verified(d).isPresent());
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            t.start();
            threads.add(t);
        }
        start.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(List.of(), failures);
        assertArrayEquals(big, Files.readAllBytes(cache.verified(d).orElseThrow()));
        try (var s = Files.list(root.resolve("tmp"))) {
            assertEquals(0, s.count(), "no temp files left behind");
        }
    }

    @Test
    void garbageCollectionKeepsReferencedBlobsAndYoungTempFiles() throws Exception {
        ContentCache cache = new ContentCache(root);
        Path keep = cache.put("keep".getBytes());
        Path drop = cache.put("drop".getBytes());
        Path young = cache.newTempFile();
        Path old = cache.newTempFile();
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minusSeconds(7200)));
        long freed = cache.collectGarbage(Set.of(Digest.of("keep".getBytes())));
        assertEquals(4, freed);
        assertTrue(Files.exists(keep));
        assertFalse(Files.exists(drop));
        assertTrue(Files.exists(young));
        assertFalse(Files.exists(old));
    }
}
