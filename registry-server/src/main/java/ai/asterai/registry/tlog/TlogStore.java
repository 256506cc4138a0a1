package ai.asterai.registry.tlog;

import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.NodeId;
import ai.asterai.protocol.tlog.StoredHash;
import java.util.List;
import java.util.Map;

/**
 * Where the transparency log is kept: its head, entries and stored subtree hashes. Reads and writes
 * only, inside the caller's transaction; {@link SqlTlogStore} is the database one.
 */
public interface TlogStore {
    /** The tree size and root after the last append; root is null for the empty tree. */
    record Head(long size, Hash root) {
    }

    /** Waits until no other transaction, on any replica, is appending; holds that until this one ends. */
    void lockForAppend();

    Head head();

    void setHead(long size, Hash root);

    void insertEntry(long index, byte[] data);

    void insertHashes(List<StoredHash> hashes);

    /** The stored hashes of these nodes, in order; a missing one is an IllegalStateException (a broken log). */
    List<Hash> hashes(List<NodeId> nodes);

    /** The hashes at {@code level} of the nodes {@code from} up to, not including, {@code to}, in order. */
    List<Hash> hashRange(int level, long from, long to);

    /** Keeps {@code line} as the newest cosignature by {@code witness} (its key text), for tree size {@code size}. */
    void putCosignature(String witness, long size, String line);

    /** The cosignature lines kept for tree size {@code size}, by witness key text. */
    Map<String, String> cosignatures(long size);

    /** The entries {@code from} up to, not including, {@code to}, in order. */
    List<byte[]> entries(long from, long to);
}
