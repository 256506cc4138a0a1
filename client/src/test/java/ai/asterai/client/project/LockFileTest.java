package ai.asterai.client.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.ProjectFileException;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.name.VersionRange;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
    @TempDir
    Path dir;
    static final String D = "sha256:" + "ab".repeat(32);

    @Test
    void recordsPrefersAndRoundTrips() throws Exception {
        Path f = dir.resolve("asterai.lock");
        LockFile lock = LockFile.load(f);
        assertTrue(lock.packages().isEmpty());
        lock.record(new LockFile.LockedPackage("acme:x", "1.2.0", "component", D, D, D, "k"));
        lock.record(new LockFile.LockedPackage("acme:x", "1.4.0", "component", D, D, D, "k"));
        lock.record(new LockFile.LockedPackage("acme:x", "1.4.0", "component", D, null, D, "k2"));
        lock.save();
        assertTrue(Files.readString(f).startsWith("# Written by asterai pull"));
        LockFile again = LockFile.load(f);
        assertEquals(2, again.packages().size());
        PackageName x = PackageName.parse("acme:x");
        assertEquals("1.4.0", again.preferred(x, VersionRange.parse("^1")).orElseThrow().version());
        assertEquals("1.2.0", again.preferred(x, VersionRange.parse("~1.2")).orElseThrow().version());
        assertTrue(again.preferred(x, VersionRange.parse("^2")).isEmpty());
        assertEquals("k2", again.find(x, Version.parse("1.4.0")).orElseThrow().keyId());
    }

    @Test
    void aBrokenLockFileIsOneClearError() throws Exception {
        Path f = dir.resolve("asterai.lock");
        Files.writeString(f, "version = 1\n[[package]]\nname = \"acme:x\"\nversion = \"one\"\n");
        assertTrue(assertThrows(ProjectFileException.class, () -> LockFile.load(f)).getMessage().contains("without a valid name and version"));
        Files.writeString(f, "version = 2\n");
        assertTrue(assertThrows(ProjectFileException.class, () -> LockFile.load(f)).getMessage().contains("format version 2"));
    }

    @Test
    void concurrentUpdatesOfOneFileAllLand() throws Exception {
        Path lock = dir.resolve("project/asterai.lock");
        Files.createDirectories(lock.getParent());
        int n = 16;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                String name = "acme:pkg" + i;
                done.add(pool.submit(() -> {
                    start.await();
                    LockFile.update(lock, dir.resolve("home/locks"), l -> l.record(new LockFile.LockedPackage(name, "1.0.0", "component",
                            "sha256:" + "a".repeat(64), null, "sha256:" + "b".repeat(64), "k1")));
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        LockFile after = LockFile.load(lock);
        assertEquals(n, after.packages().size(), after.packages().toString());
        assertTrue(Files.list(lock.getParent()).allMatch(p -> p.getFileName().toString().equals("asterai.lock")),
                "no guard or temp file is left in the project folder");
    }
}
