package ai.asterai.client.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.asterai.client.config.RegistryUrl;
import ai.asterai.client.failure.VerificationException;
import ai.asterai.protocol.crypto.SigningKey;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.LogAudit;
import ai.asterai.protocol.tlog.NoteSigner;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.Tile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Full entry bundles are downloaded once per registry and kept; a replay still re-hashes every entry,
 * and a damaged local copy is neither trusted nor blamed on the registry. The log here is built and
 * signed with the protocol's own tlog classes (what the registry serves), 300 entries: one full bundle
 * and a partial one. Every replay (each pull) also applies the witness policy in witnesses.toml.
 */
class LogBundleCacheTest {
    @TempDir
    Path trust;

    final NoteSigner signer = new NoteSigner("registry.test/asterai", SigningKey.fromSeed(new byte[32]));
    final List<byte[]> entries = new ArrayList<>();
    final List<String> requests = new ArrayList<>();

    Function<String, byte[]> served(int size) {
        LogAudit tree = new LogAudit();
        for (int i = 0; i < size; i++) {
            tree.add(entries.get(i));
        }
        String note = SignedNote.sign(new Checkpoint(signer.name(), size, tree.root()).text(), signer).format();
        return path -> {
            requests.add(path);
            if (path.equals("checkpoint")) {
                return note.getBytes(StandardCharsets.UTF_8);
            }
            Tile t = Tile.parse(path);
            int from = (int) t.index() * Tile.WIDTH;
            return EntryBundle.encode(entries.subList(from, from + t.width()));
        };
    }

    LogTrust log(Function<String, byte[]> tlog) {
        return new LogTrust(trust, RegistryUrl.parse("http://registry.test"), tlog);
    }

    @Test
    void fullBundlesAreFetchedOnceAndPartialOnesEveryTime() throws Exception {
        for (int i = 0; i < 300; i++) {
            entries.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        LogTrust log = log(served(300));
        log.replay("test", signer.verifier(), null, null);
        assertEquals(List.of("checkpoint", "tile/entries/000", "tile/entries/001.p/44"), requests);
        requests.clear();
        log.replay("test", signer.verifier(), null, null);
        assertEquals(List.of("checkpoint", "tile/entries/001.p/44"), requests, "the full bundle comes from the local copy");
        assertTrue(Files.isRegularFile(log.bundleCache().resolve("0")));

        // a damaged local copy: the replay is repeated from the served bundles and the copy replaced
        Files.write(log.bundleCache().resolve("0"), EntryBundle.encode(entries.subList(1, 257)));
        requests.clear();
        log.replay("test", signer.verifier(), null, null);
        assertTrue(requests.contains("tile/entries/000"), requests.toString());
        requests.clear();
        log.replay("test", signer.verifier(), null, null);
        assertEquals(List.of("checkpoint", "tile/entries/001.p/44"), requests);
    }

    @Test
    void aLogRewrittenUnderTheSameRootFailsAFreshClientAndNotOneWithItsVerifiedCopy() throws Exception {
        for (int i = 0; i < 300; i++) {
            entries.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        log(served(300)).replay("test", signer.verifier(), null, null);
        // the registry now serves a rewritten entry in the full bundle under the old signed root
        Function<String, byte[]> honest = served(300);
        entries.set(3, "rewritten".getBytes(StandardCharsets.UTF_8));
        Function<String, byte[]> lying = path -> path.equals("checkpoint") ? honest.apply(path) : served(300).apply(path);
        // this client keeps to the entries it verified (as Go's sumdb client keeps its tiles) ...
        log(lying).replay("test", signer.verifier(), null, null);
        // ... and one without them sees the rewrite (so does `asterai log verify`, which keeps none)
        LogTrust fresh = new LogTrust(trust.resolve("other"), RegistryUrl.parse("http://registry.test"), lying);
        VerificationException e = assertThrows(VerificationException.class, () -> fresh.replay("test", signer.verifier(), null, null));
        assertTrue(e.getMessage().contains("do not hash to its signed checkpoint"), e.getMessage());
    }

    @Test
    void everyReplayHonoursTheWitnessPolicy() throws Exception {
        for (int i = 0; i < 10; i++) {
            entries.add(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        ai.asterai.protocol.tlog.Cosigner witness = new ai.asterai.protocol.tlog.Cosigner("witness.test", SigningKey.fromSeed(new byte[] {
                1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32}));
        Files.writeString(CheckpointPolicy.file(trust), "required = 1\nwitnesses = [\"" + witness.verifier().text() + "\"]\n");
        Function<String, byte[]> plain = served(10);
        VerificationException e = assertThrows(VerificationException.class, () -> log(plain).replay("test", signer.verifier(), null, null));
        assertTrue(e.getMessage().contains("0 valid cosignatures from the configured witnesses, 1 required"), e.getMessage());

        SignedNote signed = SignedNote.parse(plain.apply("checkpoint"));
        Checkpoint cp = Checkpoint.parse(signed.text());
        List<ai.asterai.protocol.tlog.NoteSignature> lines = new ArrayList<>(signed.signatures());
        lines.add(witness.cosign(cp, 1_700_000_000L).noteSignature());
        byte[] cosigned = new SignedNote(signed.text(), lines).format().getBytes(StandardCharsets.UTF_8);
        log(path -> path.equals("checkpoint") ? cosigned : plain.apply(path)).replay("test", signer.verifier(), null, null);
    }
}
