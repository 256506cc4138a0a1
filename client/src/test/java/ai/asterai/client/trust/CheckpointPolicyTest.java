package ai.asterai.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.failure.ConfigException;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.Cosigner;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NoteSignature;
import ai.asterai.protocol.tlog.NoteSigner;
import ai.asterai.protocol.tlog.SignedNote;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** N of M witness cosignatures; a configured witness's bad line is refused; the policy file is strict. */
class CheckpointPolicyTest {
    @TempDir
    Path tmp;

    private static final Cosigner A = new Cosigner("w.example/a", SigningKey.generate());
    private static final Cosigner B = new Cosigner("w.example/b", SigningKey.generate());
    private static final Checkpoint CP = new Checkpoint("log.example", 5, Merkle.emptyRoot());

    private static SignedNote note(List<NoteSignature> cosignatures) {
        List<NoteSignature> lines = new ArrayList<>(SignedNote.sign(CP.text(), new NoteSigner("log.example", SigningKey.generate())).signatures());
        lines.addAll(cosignatures);
        return new SignedNote(CP.text(), lines);
    }

    @Test
    void countsDistinctValidCosignatures() {
        CheckpointPolicy one = CheckpointPolicy.of(List.of(A.verifier().text(), B.verifier().text()), 1);
        CheckpointPolicy two = CheckpointPolicy.of(List.of(A.verifier().text(), B.verifier().text()), 2);
        SignedNote byA = note(List.of(A.cosign(CP, 1).noteSignature()));
        assertEquals(List.of(A.verifier()), one.check(byA, "log"));
        VerificationException e = assertThrows(VerificationException.class, () -> two.check(byA, "log"));
        assertTrue(e.getMessage().contains("1 valid cosignature from the configured witnesses, 2 required"), e.getMessage());
        // the same witness twice counts once
        assertThrows(VerificationException.class, () -> two.check(note(List.of(A.cosign(CP, 1).noteSignature(), A.cosign(CP, 2).noteSignature())), "log"));
        assertEquals(2, two.check(note(List.of(A.cosign(CP, 1).noteSignature(), B.cosign(CP, 1).noteSignature())), "log").size());
        // a configured witness's line over another checkpoint is refused outright
        Checkpoint other = new Checkpoint("log.example", 6, Merkle.emptyRoot());
        VerificationException bad = assertThrows(VerificationException.class, () -> one.check(note(List.of(A.cosign(other, 1).noteSignature())), "log"));
        assertTrue(bad.getMessage().contains("does not verify"), bad.getMessage());
        assertTrue(CheckpointPolicy.NONE.check(note(List.of()), "log").isEmpty());
    }

    @Test
    void theFileIsStrict() throws Exception {
        Path f = tmp.resolve("witnesses.toml");
        assertEquals(CheckpointPolicy.NONE, CheckpointPolicy.load(f));
        Files.writeString(f, "required = 1\nwitnesses = [\"" + A.verifier().text() + "\"]\n");
        assertEquals(new CheckpointPolicy(List.of(A.verifier()), 1), CheckpointPolicy.load(f));
        for (String bad : List.of("required = 2\nwitnesses = [\"" + A.verifier().text() + "\"]\n", "required = -1\n", "witnesses = [\"nope\"]\n",
                "witnesses = [\"" + A.verifier().text() + "\", \"" + A.verifier().text() + "\"]\n", "[[[", "x".repeat(70_000))) {
            Files.writeString(f, bad);
            assertThrows(ConfigException.class, () -> CheckpointPolicy.load(f), bad.length() > 80 ? "large" : bad);
        }
    }

    @Test
    void aMaximumAgeComesFromTheNewestWitnessCosignature() throws Exception {
        Path f = tmp.resolve("aged.toml");
        Files.writeString(f, "required = 1\nwitnesses = [\"" + A.verifier().text() + "\", \"" + B.verifier().text() + "\"]\nmaxAgeSeconds = 3600\n");
        CheckpointPolicy aged = CheckpointPolicy.load(f);
        assertEquals(java.time.Duration.ofHours(1), aged.maxAge());
        java.time.Instant now = java.time.Instant.ofEpochSecond(1_800_000_000L);
        // A cosigned two hours ago, B ten minutes ago: the newest counts
        SignedNote both = note(List.of(A.cosign(CP, now.getEpochSecond() - 7200).noteSignature(), B.cosign(CP, now.getEpochSecond() - 600).noteSignature()));
        assertEquals(2, aged.check(both, "log", now).size());
        SignedNote stale = note(List.of(A.cosign(CP, now.getEpochSecond() - 7200).noteSignature()));
        VerificationException e = assertThrows(VerificationException.class, () -> aged.check(stale, "log", now));
        assertTrue(e.getMessage().contains("older than the allowed 3600 s: the registry may be showing a frozen log"), e.getMessage());
        // without witnesses there is no time to bound: the file is refused, not silently ignored
        Files.writeString(f, "maxAgeSeconds = 3600\n");
        assertThrows(ai.asterai.client.failure.ConfigException.class, () -> CheckpointPolicy.load(f));
        Files.writeString(f, "witnesses = [\"" + A.verifier().text() + "\"]\nmaxAgeSeconds = 0\n");
        assertThrows(ai.asterai.client.failure.ConfigException.class, () -> CheckpointPolicy.load(f));
    }
}
