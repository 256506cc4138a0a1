package ai.asterai.client.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.UserException;
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
        assertTrue(assertThrows(UserException.class, () -> LockFile.load(f)).getMessage().contains("without a valid name and version"));
        Files.writeString(f, "version = 2\n");
        assertTrue(assertThrows(UserException.class, () -> LockFile.load(f)).getMessage().contains("format version 2"));
    }
}
