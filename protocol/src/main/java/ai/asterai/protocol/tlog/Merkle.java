package ai.asterai.protocol.tlog;

import ai.asterai.protocol.crypto.Digest;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 6962 Merkle tree hashing (section 2.1) over SHA-256, the tree the C2SP formats and Go's
 * {@code sumdb/tlog} use: a leaf hashes {@code 0x00 || entry}, an inner node {@code 0x01 || left ||
 * right}, and a tree of n leaves splits at the largest power of two below n. Every hash a proof or a
 * root needs is a complete subtree ({@link NodeId}), so a log that stores those answers any proof
 * for any tree size with O(log n) stored hashes, read in one {@link HashReader} call.
 */
public final class Merkle {
    /** More hashes than any proof in a tree of 2^63 leaves has: a bound for parsers. */
    public static final int MAX_PROOF_HASHES = 130;

    private Merkle() {
    }

    public static Hash leafHash(byte[] entry) {
        MessageDigest md = Digest.sha256();
        md.update((byte) 0x00);
        md.update(entry);
        return new Hash(md.digest());
    }

    public static Hash nodeHash(Hash left, Hash right) {
        MessageDigest md = Digest.sha256();
        md.update((byte) 0x01);
        md.update(left.bytes());
        md.update(right.bytes());
        return new Hash(md.digest());
    }

    /** The root of the empty tree: SHA-256 of nothing. */
    public static Hash emptyRoot() {
        return new Hash(Digest.sha256().digest());
    }

    /**
     * The complete subtrees that make up the subtree of leaves [lo, hi), left to right: the binary
     * decomposition of its size. Only called for subtrees of the RFC 6962 tree, whose start is a
     * multiple of every power of two up to their size.
     */
    static List<NodeId> decompose(long lo, long hi) {
        List<NodeId> out = new ArrayList<>();
        long start = lo;
        while (start < hi) {
            int level = 63 - Long.numberOfLeadingZeros(hi - start);
            out.add(new NodeId(level, start >>> level));
            start += 1L << level;
        }
        return out;
    }

    /** Combines the hashes of a decomposition, right to left, into the subtree's hash. */
    static Hash fold(List<Hash> parts) {
        Hash h = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            h = nodeHash(parts.get(i), h);
        }
        return h;
    }

    /** The largest power of two strictly below n (n at least 2). */
    private static long split(long n) {
        return Long.highestOneBit(n - 1);
    }

    private static void requireSize(String field, long size) {
        if (size < 0) {
            throw new TlogFormatException(field, field + " must not be negative");
        }
    }

    /** The root of the tree of the first {@code size} leaves. */
    public static Hash treeHash(HashReader reader, long size) {
        requireSize("size", size);
        if (size == 0) {
            return emptyRoot();
        }
        List<NodeId> ids = decompose(0, size);
        return fold(read(reader, ids));
    }

    private static List<Hash> read(HashReader reader, List<NodeId> ids) {
        List<Hash> hashes = reader.read(ids);
        if (hashes.size() != ids.size()) {
            throw new IllegalStateException("the hash reader answered " + hashes.size() + " hashes for " + ids.size() + " nodes");
        }
        return hashes;
    }

    /**
     * The stored hashes appending the leaf at {@code index} creates: the leaf and every subtree it
     * completes. Reads the left siblings it combines with.
     */
    public static List<StoredHash> append(HashReader reader, long index, Hash leaf) {
        requireSize("index", index);
        List<NodeId> lefts = new ArrayList<>();
        for (int level = 0; ((index >>> level) & 1) == 1; level++) {
            lefts.add(new NodeId(level, (index >>> level) - 1));
        }
        List<Hash> leftHashes = lefts.isEmpty() ? List.of() : read(reader, lefts);
        List<StoredHash> out = new ArrayList<>();
        Hash h = leaf;
        out.add(new StoredHash(new NodeId(0, index), h));
        for (int level = 0; level < lefts.size(); level++) {
            h = nodeHash(leftHashes.get(level), h);
            out.add(new StoredHash(new NodeId(level + 1, index >>> (level + 1)), h));
        }
        return out;
    }

    /** RFC 6962 2.1.1: the audit path of leaf {@code index} in the tree of {@code size} leaves, leaf level first. */
    public static List<Hash> inclusionProof(HashReader reader, long index, long size) {
        requireSize("index", index);
        if (index >= size) {
            throw new TlogFormatException("index", "index " + index + " is not below the tree size " + size);
        }
        List<List<NodeId>> plan = new ArrayList<>();
        path(index, 0, size, plan);
        return resolve(reader, plan);
    }

    private static void path(long m, long lo, long hi, List<List<NodeId>> out) {
        long n = hi - lo;
        if (n == 1) {
            return;
        }
        long k = split(n);
        if (m < k) {
            path(m, lo, lo + k, out);
            out.add(decompose(lo + k, hi));
        } else {
            path(m - k, lo + k, hi, out);
            out.add(decompose(lo, lo + k));
        }
    }

    /** RFC 6962 2.1.2: the proof that the tree of {@code from} leaves is a prefix of the tree of {@code to}. */
    public static List<Hash> consistencyProof(HashReader reader, long from, long to) {
        if (from < 1 || from > to) {
            throw new TlogFormatException("from", "a consistency proof needs 1 <= from <= to, not from " + from + ", to " + to);
        }
        List<List<NodeId>> plan = new ArrayList<>();
        subproof(from, 0, to, true, plan);
        return resolve(reader, plan);
    }

    private static void subproof(long m, long lo, long hi, boolean whole, List<List<NodeId>> out) {
        long n = hi - lo;
        if (m == n) {
            if (!whole) {
                out.add(decompose(lo, hi));
            }
            return;
        }
        long k = split(n);
        if (m <= k) {
            subproof(m, lo, lo + k, whole, out);
            out.add(decompose(lo + k, hi));
        } else {
            subproof(m - k, lo + k, hi, false, out);
            out.add(decompose(lo, lo + k));
        }
    }

    /** Reads every node the plan names in one call and folds each item into its hash. */
    private static List<Hash> resolve(HashReader reader, List<List<NodeId>> plan) {
        List<NodeId> all = new ArrayList<>();
        plan.forEach(all::addAll);
        List<Hash> hashes = all.isEmpty() ? List.of() : read(reader, all);
        List<Hash> out = new ArrayList<>(plan.size());
        int at = 0;
        for (List<NodeId> item : plan) {
            out.add(fold(hashes.subList(at, at + item.size())));
            at += item.size();
        }
        return out;
    }

    /**
     * RFC 9162 2.1.3.2: checks that {@code leaf} is at {@code index} in the tree of {@code size} leaves
     * whose root is {@code root}; throws {@link TlogFormatException} (field {@code proof}) if not.
     */
    public static void verifyInclusion(Hash leaf, long index, long size, List<Hash> proof, Hash root) {
        if (index < 0 || index >= size) {
            throw new TlogFormatException("proof", "index " + index + " is outside a tree of " + size + " leaves");
        }
        if (proof.size() > MAX_PROOF_HASHES) {
            throw new TlogFormatException("proof", "an inclusion proof has at most " + MAX_PROOF_HASHES + " hashes");
        }
        long fn = index;
        long sn = size - 1;
        Hash r = leaf;
        for (Hash p : proof) {
            if (sn == 0) {
                throw new TlogFormatException("proof", "the inclusion proof is longer than the tree is deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                r = nodeHash(p, r);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                r = nodeHash(r, p);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new TlogFormatException("proof", "the inclusion proof is shorter than the tree is deep");
        }
        if (!r.equals(root)) {
            throw new TlogFormatException("proof", "the inclusion proof does not lead to the checkpoint's root hash");
        }
    }

    /**
     * RFC 9162 2.1.4.2: checks that the tree of {@code from} leaves with root {@code fromRoot} is a
     * prefix of the tree of {@code to} leaves with root {@code toRoot}; throws {@link TlogFormatException}
     * (field {@code proof}) if not.
     */
    public static void verifyConsistency(long from, long to, List<Hash> proof, Hash fromRoot, Hash toRoot) {
        if (from < 0 || from > to) {
            throw new TlogFormatException("proof", "tree size " + to + " is smaller than " + from + ": the log went back");
        }
        if (proof.size() > MAX_PROOF_HASHES) {
            throw new TlogFormatException("proof", "a consistency proof has at most " + MAX_PROOF_HASHES + " hashes");
        }
        if (from == to) {
            if (!proof.isEmpty()) {
                throw new TlogFormatException("proof", "a consistency proof between equal sizes is empty");
            }
            if (!fromRoot.equals(toRoot)) {
                throw new TlogFormatException("proof", "two different root hashes for tree size " + to + ": the log forked");
            }
            return;
        }
        if (from == 0) {
            if (!proof.isEmpty()) {
                throw new TlogFormatException("proof", "a consistency proof from the empty tree is empty");
            }
            return;
        }
        List<Hash> c = new ArrayList<>(proof);
        if (Long.bitCount(from) == 1) {
            c.add(0, fromRoot);
        }
        if (c.isEmpty()) {
            throw new TlogFormatException("proof", "the consistency proof is empty");
        }
        long fn = from - 1;
        long sn = to - 1;
        while ((fn & 1) == 1) {
            fn >>>= 1;
            sn >>>= 1;
        }
        Hash fr = c.get(0);
        Hash sr = c.get(0);
        for (Hash h : c.subList(1, c.size())) {
            if (sn == 0) {
                throw new TlogFormatException("proof", "the consistency proof is longer than the trees are deep");
            }
            if ((fn & 1) == 1 || fn == sn) {
                fr = nodeHash(h, fr);
                sr = nodeHash(h, sr);
                while ((fn & 1) == 0 && fn != 0) {
                    fn >>>= 1;
                    sn >>>= 1;
                }
            } else {
                sr = nodeHash(sr, h);
            }
            fn >>>= 1;
            sn >>>= 1;
        }
        if (sn != 0) {
            throw new TlogFormatException("proof", "the consistency proof is shorter than the trees are deep");
        }
        if (!fr.equals(fromRoot)) {
            throw new TlogFormatException("proof", "the consistency proof does not lead to the older root hash: the log was rewritten");
        }
        if (!sr.equals(toRoot)) {
            throw new TlogFormatException("proof", "the consistency proof does not lead to the newer root hash: the log forked");
        }
    }
}
