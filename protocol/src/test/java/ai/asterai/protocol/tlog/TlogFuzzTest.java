package ai.asterai.protocol.tlog;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import ai.asterai.protocol.crypto.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Mutates valid inputs of every parser and verifier of the package (checkpoints, signed notes,
 * verifier keys, tile paths, entry bundles, entries, proofs): each result is accepted or refused with
 * {@link TlogFormatException}, never another exception. Fixed seed; the case count is printed and
 * recorded in docs/transparency.md.
 */
class TlogFuzzTest {
    private static final long SEED = 0x7106_f022L;
    private static final int PER_SEED = 3000;

    @Test
    void mutatedInputsAreAcceptedOrRefusedCleanly() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        NoteSigner signer = new NoteSigner("registry.example.com", SigningKey.generate());
        MemoryLog log = new MemoryLog();
        for (int i = 0; i < 40; i++) {
            log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        Checkpoint cp = new Checkpoint("registry.example.com", 40, Merkle.treeHash(log, 40));
        String note = SignedNote.sign(cp.text(), signer).format();
        List<byte[]> entries = new ArrayList<>();
        SigningKey k = SigningKey.generate();
        entries.add(FormatsTest.vectorEntry().bytes());
        entries.add(new LogEntry.KeyAdded("acme", k.publicKey(), k.publicKey().keyId(), Base64.getEncoder().encodeToString(new byte[64])).bytes());
        entries.add(new LogEntry.NamespaceCreated("acme").bytes());

        long cases = 0;
        long refused = 0;
        long[] counts = new long[2];
        cases += fuzz(rnd, cp.bytes(), b -> Checkpoint.parse(new String(b, StandardCharsets.UTF_8)), counts);
        cases += fuzz(rnd, note.getBytes(StandardCharsets.UTF_8), b -> SignedNote.parse(b).verifiedBy(signer.verifier()), counts);
        cases += fuzz(rnd, signer.verifier().text().getBytes(StandardCharsets.UTF_8),
                b -> NoteVerifier.parse(new String(b, StandardCharsets.UTF_8)), counts);
        cases += fuzz(rnd, "tile/2/x001/x234/067.p/9".getBytes(StandardCharsets.UTF_8), b -> Tile.parse(new String(b, StandardCharsets.UTF_8)), counts);
        cases += fuzz(rnd, "tile/entries/x123/456".getBytes(StandardCharsets.UTF_8), b -> Tile.parse(new String(b, StandardCharsets.UTF_8)), counts);
        cases += fuzz(rnd, EntryBundle.encode(entries), b -> EntryBundle.decode(b).forEach(LogEntries::parse), counts);
        for (byte[] e : entries) {
            cases += fuzz(rnd, e, LogEntries::parse, counts);
        }
        // proofs: flip bits in the serialised hashes, or change the sizes
        List<Hash> incl = Merkle.inclusionProof(log, 13, 40);
        cases += fuzz(rnd, concat(incl), b -> Merkle.verifyInclusion(Merkle.leafHash(log.entries.get(13)), 13, 40, split(b), cp.root()), counts);
        List<Hash> cons = Merkle.consistencyProof(log, 7, 40);
        Hash root7 = Merkle.treeHash(log, 7);
        cases += fuzz(rnd, concat(cons), b -> Merkle.verifyConsistency(7, 40, split(b), root7, cp.root()), counts);
        for (int i = 0; i < 2000; i++) {
            long m = rnd.nextLong(-3, 80);
            long n = rnd.nextLong(-3, 80);
            cases++;
            counts[run(() -> Merkle.verifyConsistency(m, n, cons, root7, cp.root()))]++;
            cases++;
            counts[run(() -> Merkle.verifyInclusion(Merkle.leafHash(log.entries.get(13)), m, n, incl, cp.root()))]++;
        }
        refused = counts[1];
        System.out.printf("tlog fuzz: %d cases, %d refused, %d accepted, 0 crashes%n", cases, refused, cases - refused);
        assertTrue(cases > 30_000, "cases: " + cases);
        assertTrue(refused > cases / 2, "most mutations are refused: " + refused);
    }

    private static byte[] concat(List<Hash> hashes) {
        byte[] out = new byte[hashes.size() * Hash.SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i).bytes(), 0, out, i * Hash.SIZE, Hash.SIZE);
        }
        return out;
    }

    /** Whole hashes only; a trailing part is dropped (the proof API refuses it before this point). */
    private static List<Hash> split(byte[] b) {
        List<Hash> out = new ArrayList<>();
        for (int at = 0; at + Hash.SIZE <= b.length; at += Hash.SIZE) {
            out.add(Hash.of(b, at));
        }
        return out;
    }

    static long fuzz(SplittableRandom rnd, byte[] seed, Consumer<byte[]> parser, long[] counts) {
        long n = 0;
        for (int cut = 0; cut <= seed.length; cut++) {
            byte[] prefix = Arrays.copyOf(seed, cut);
            counts[run(() -> parser.accept(prefix))]++;
            n++;
        }
        for (int i = 0; i < PER_SEED; i++) {
            byte[] m = mutate(seed, rnd);
            counts[run(() -> parser.accept(m))]++;
            n++;
        }
        return n;
    }

    /** 0: accepted; 1: refused with the package's typed exception; anything else fails the test. */
    private static int run(Runnable r) {
        try {
            r.run();
            return 0;
        } catch (TlogFormatException e) {
            if (e.getMessage() == null || e.field() == null) {
                fail("a refusal without a message or field");
            }
            return 1;
        } catch (RuntimeException e) {
            throw new AssertionError("not a TlogFormatException: " + e, e);
        }
    }

    private static final byte[] INTERESTING = "\n\r +/=x.p0129\u2014".getBytes(StandardCharsets.UTF_8);

    private static byte[] mutate(byte[] seed, SplittableRandom rnd) {
        byte[] b = seed.clone();
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && b.length > 0; e++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(5)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                case 2 -> b[at] = (byte) rnd.nextInt(256);
                case 3 -> {
                    byte[] c = new byte[b.length - 1];
                    System.arraycopy(b, 0, c, 0, at);
                    System.arraycopy(b, at + 1, c, at, b.length - at - 1);
                    b = c;
                }
                default -> {
                    byte[] c = new byte[b.length + 1];
                    System.arraycopy(b, 0, c, 0, at);
                    c[at] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                    System.arraycopy(b, at, c, at + 1, b.length - at);
                    b = c;
                }
            }
        }
        return b;
    }
}
