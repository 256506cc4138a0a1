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
