package ai.asterai.protocol.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class MerkleTest {
    private static MemoryLog log(int n) {
        MemoryLog log = new MemoryLog();
        for (int i = 0; i < n; i++) {
            log.append(("entry " + i).getBytes(StandardCharsets.UTF_8));
        }
        return log;
    }

    @Test
    void rfc6962EmptyAndLeafHashes() {
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Merkle.emptyRoot().hex());
        // RFC 6962's leaf of the empty entry: SHA-256(0x00)
        assertEquals("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Merkle.leafHash(new byte[0]).hex());
    }

    @Test
    void storedSubtreesGiveTheReferenceRootAtEverySize() {
        MemoryLog log = new MemoryLog();
        for (int n = 0; n <= 300; n++) {
            assertEquals(log.referenceRoot(0, n), Merkle.treeHash(log, n), "size " + n);
            log.append(("entry " + n).getBytes(StandardCharsets.UTF_8));
        }
        // every complete subtree and nothing else is stored: 2n - popcount(n) hashes
        assertEquals(2 * 301 - Long.bitCount(301), log.stored.size());
    }

    @Test
    void everyInclusionProofVerifiesAndNoOtherLeafDoes() {
        MemoryLog log = log(70);
        for (int size = 1; size <= 70; size++) {
            final int n = size;
            Hash root = Merkle.treeHash(log, n);
            for (int mi = 0; mi < n; mi++) {
                final int m = mi;
                log.reads = 0;
                List<Hash> proof = Merkle.inclusionProof(log, m, n);
                assertTrue(log.reads <= 1, "one read per proof");
                Hash leaf = Merkle.leafHash(log.entries.get(m));
                Merkle.verifyInclusion(leaf, m, n, proof, root);
                int other = (m + 1) % n;
                if (other != m) {
                    int o = other;
                    assertThrows(TlogFormatException.class, () -> Merkle.verifyInclusion(leaf, o, n, proof, root));
                }
                if (!proof.isEmpty()) {
                    List<Hash> bad = new ArrayList<>(proof);
                    bad.set(0, Merkle.leafHash(new byte[]{1}));
                    assertThrows(TlogFormatException.class, () -> Merkle.verifyInclusion(leaf, m, n, bad, root));
                    assertThrows(TlogFormatException.class, () -> Merkle.verifyInclusion(leaf, m, n, proof.subList(1, proof.size()), root));
                }
                List<Hash> longer = new ArrayList<>(proof);
                longer.add(root);
                assertThrows(TlogFormatException.class, () -> Merkle.verifyInclusion(leaf, m, n, longer, root));
            }
        }
    }

    @Test
    void everyConsistencyProofVerifiesAndForksDoNot() {
        MemoryLog log = log(70);
        MemoryLog fork = log(70);
        fork.entries.set(20, "rewritten".getBytes(StandardCharsets.UTF_8));
        for (int size = 1; size <= 70; size++) {
            final int n = size;
            Hash rootN = Merkle.treeHash(log, n);
            for (int mi = 1; mi <= n; mi++) {
                final int m = mi;
                List<Hash> proof = Merkle.consistencyProof(log, m, n);
                Hash rootM = Merkle.treeHash(log, m);
                Merkle.verifyConsistency(m, n, proof, rootM, rootN);
                if (m < n) {
                    int mm = m;
                    assertThrows(TlogFormatException.class, () -> Merkle.verifyConsistency(n, mm, proof, rootN, rootM), "rollback");
                    Hash forked = fork.referenceRoot(0, m);
                    if (!forked.equals(rootM)) {
                        assertThrows(TlogFormatException.class, () -> Merkle.verifyConsistency(mm, n, proof, forked, rootN));
                    }
                    Hash forkedN = fork.referenceRoot(0, n);
                    if (!forkedN.equals(rootN)) {
                        assertThrows(TlogFormatException.class, () -> Merkle.verifyConsistency(mm, n, proof, rootM, forkedN));
                    }
                }
            }
        }
    }

    @Test
    void sizesOutsideTheTreeAreTypedErrors() {
        MemoryLog log = log(5);
        assertThrows(TlogFormatException.class, () -> Merkle.inclusionProof(log, 5, 5));
        assertThrows(TlogFormatException.class, () -> Merkle.inclusionProof(log, -1, 5));
        assertThrows(TlogFormatException.class, () -> Merkle.consistencyProof(log, 0, 5));
        assertThrows(TlogFormatException.class, () -> Merkle.consistencyProof(log, 6, 5));
        assertThrows(TlogFormatException.class, () -> Merkle.treeHash(log, -1));
        assertThrows(TlogFormatException.class, () -> new NodeId(64, 0));
        assertThrows(TlogFormatException.class, () -> new NodeId(62, 4));
    }

    @Test
    void proofsStayLogarithmic() {
        // a tree far too large to hold: a reader that makes up hashes shows how many a proof needs
        HashReader synthetic = nodes -> nodes.stream().map(n -> Merkle.leafHash(HexFormat.of().parseHex(
                String.format("%02x%016x", n.level(), n.index())))).toList();
        long n = (1L << 40) + 12345;
        assertTrue(Merkle.inclusionProof(synthetic, n - 7, n).size() <= 41);
        assertTrue(Merkle.consistencyProof(synthetic, 999_999, n).size() <= 82);
    }
}
