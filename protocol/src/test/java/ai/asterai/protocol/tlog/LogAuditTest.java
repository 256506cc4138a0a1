package ai.asterai.protocol.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.KeyStatement;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.ReleaseEnvelope;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogAuditTest {
    private final SigningKey first = SigningKey.generate();
    private final SigningKey second = SigningKey.generate();

    private static ReleaseEnvelope envelope(String version) {
        return new ReleaseEnvelope(new PackageName("acme", "hello"), Version.parse(version), PackageKind.COMPONENT,
                Digest.of("m".getBytes(StandardCharsets.UTF_8)), Digest.of(version.getBytes(StandardCharsets.UTF_8)),
                Digest.of("w".getBytes(StandardCharsets.UTF_8)));
    }

    private static LogEntry release(SigningKey key, String version) {
        ReleaseEnvelope env = envelope(version);
        return new LogEntry.ReleasePublished(env, key.publicKey().keyId(), Base64.getEncoder().encodeToString(key.sign(env.canonicalBytes())));
    }

    private LogEntry vouch(SigningKey signer, SigningKey added) {
        byte[] sig = signer.sign(new KeyStatement("acme", added.publicKey(), signer.publicKey().keyId()).canonicalBytes());
        return new LogEntry.KeyAdded("acme", added.publicKey(), signer.publicKey().keyId(), Base64.getEncoder().encodeToString(sig));
    }

    private List<LogEntry> history() {
        PackageName pkg = new PackageName("acme", "hello");
        return new ArrayList<>(List.of(new LogEntry.NamespaceCreated("acme"), new LogEntry.KeyAdded("acme", first.publicKey(), null, null),
                release(first, "1.0.0"), new LogEntry.ReleaseYanked(pkg, Version.parse("1.0.0")),
                new LogEntry.ReleaseUnyanked(pkg, Version.parse("1.0.0")), vouch(first, second),
                new LogEntry.KeyRevoked("acme", first.publicKey().keyId()), release(second, "1.1.0")));
    }

    private static LogAudit audit(List<LogEntry> entries) {
        LogAudit audit = new LogAudit();
        entries.forEach(e -> audit.add(e.bytes()));
        audit.problem().ifPresent(p -> {
            throw p;
        });
        return audit;
    }

    @Test
    void anHonestHistoryVerifiesAndHashesToTheTreesRoot() {
        MemoryLog log = new MemoryLog();
        LogAudit audit = new LogAudit();
        for (LogEntry e : history()) {
            log.append(e.bytes());
            audit.add(e.bytes());
            assertEquals(Merkle.treeHash(log, log.size()), audit.root());
            assertTrue(audit.problem().isEmpty());
        }
        assertEquals(8, audit.size());
    }

    /** The hashes of the complete subtrees of the first n leaves, largest first, as a resumed audit takes them. */
    private static List<Hash> subtrees(MemoryLog log, long n) {
        List<Hash> out = new ArrayList<>();
        long offset = 0;
        for (int level = 63; level >= 0; level--) {
            if ((n & (1L << level)) != 0) {
                out.add(log.read(List.of(new NodeId(level, offset >> level))).get(0));
                offset += 1L << level;
            }
        }
        return out;
    }

    @Test
    void aResumedAuditHashesToTheSameRootAndCountsWhatItCannotCheck() {
        List<LogEntry> h = history();
        MemoryLog log = new MemoryLog();
        h.forEach(e -> log.append(e.bytes()));
        Hash root = Merkle.treeHash(log, h.size());
        for (int n = 0; n <= h.size(); n++) {
            LogAudit resumed = LogAudit.resume(n, subtrees(log, n));
            assertEquals(Merkle.treeHash(log, n), resumed.root(), "prefix root at " + n);
            h.subList(n, h.size()).forEach(e -> resumed.add(e.bytes()));
            assertEquals(root, resumed.root(), "root resumed at " + n);
            assertTrue(resumed.problem().isEmpty(), () -> "resumed at " + resumed.problem());
        }
        // from entry 3 on: the yank (of a release published before), the vouch (by a key added before) and the
        // revocation (of that key) need earlier entries; the unyank follows the yank and the last release is
        // signed by the key vouched for after the start, so those two are checked
        LogAudit from3 = LogAudit.resume(3, subtrees(log, 3));
        h.subList(3, h.size()).forEach(e -> from3.add(e.bytes()));
        assertEquals(3, from3.unchecked());
        // a forged release by the key added after the start is still caught
        LogAudit forged = LogAudit.resume(3, subtrees(log, 3));
        h.subList(3, h.size()).forEach(e -> forged.add(e.bytes()));
        ReleaseEnvelope env = envelope("3.0.0");
        forged.add(new LogEntry.ReleasePublished(env, second.publicKey().keyId(), Base64.getEncoder().encodeToString(first.sign(env.canonicalBytes()))).bytes());
        assertTrue(forged.problem().orElseThrow().getMessage().contains("does not verify"), forged.problem().toString());
        assertThrows(TlogFormatException.class, () -> LogAudit.resume(5, List.of(root)));
    }

    private void refusedAt(List<LogEntry> entries, int index, String reason) {
        TlogFormatException e = assertThrows(TlogFormatException.class, () -> audit(entries));
        assertTrue(e.getMessage().startsWith("entry " + index + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }

    @Test
    void theFirstBrokenRuleIsNamed() {
        List<LogEntry> h = history();
        h.add(release(first, "2.0.0"));
        refusedAt(h, 8, "not an active key");

        h = history();
        h.add(new LogEntry.KeyAdded("acme", SigningKey.generate().publicKey(), null, null));
        refusedAt(h, 8, "without a vouch while it has active keys");

        h = history();
        h.set(7, release(first, "1.1.0"));
        refusedAt(h, 7, "not an active key");

        h = history();
        ReleaseEnvelope env = envelope("1.0.0");
        h.set(2, new LogEntry.ReleasePublished(env, first.publicKey().keyId(),
                Base64.getEncoder().encodeToString(first.sign(envelope("9.9.9").canonicalBytes()))));
        refusedAt(h, 2, "does not verify");

        h = history();
        h.add(release(second, "1.0.0+rebuild"));
        refusedAt(h, 8, "published a second time");

        h = history();
        h.set(5, vouch(second, SigningKey.generate()));
        refusedAt(h, 5, "not an active key");

        h = history();
        h.remove(3);
        refusedAt(h, 3, "unyanked twice in a row");

        h = history();
        h.add(0, new LogEntry.NamespaceCreated("acme"));
        refusedAt(h, 1, "created a second time");

        LogAudit audit = new LogAudit();
        audit.add("asterai-log-v1 other\n".getBytes(StandardCharsets.UTF_8));
        audit.add(new LogEntry.NamespaceCreated("acme").bytes());
        assertTrue(audit.problem().orElseThrow().getMessage().startsWith("entry 0: "));
        assertEquals(2, audit.size());
    }
}
