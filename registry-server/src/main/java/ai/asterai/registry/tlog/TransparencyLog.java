package ai.asterai.registry.tlog;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.tlog.Checkpoint;
import ai.asterai.protocol.tlog.EntryBundle;
import ai.asterai.protocol.tlog.Hash;
import ai.asterai.protocol.tlog.HashReader;
import ai.asterai.protocol.tlog.LogEntry;
import ai.asterai.protocol.tlog.Merkle;
import ai.asterai.protocol.tlog.NodeId;
import ai.asterai.protocol.tlog.SignedNote;
import ai.asterai.protocol.tlog.StoredHash;
import ai.asterai.protocol.tlog.Tile;
import ai.asterai.registry.failure.NotFound;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The registry's transparency log (docs/transparency.md). {@link #append} runs inside the transaction
 * of the change it records, so the change and its entry commit or roll back together; appends from
 * every replica are sequenced by the store's lock. Reads (checkpoints, proofs, tiles) need no lock:
 * a subtree's hash is written once, before the head that covers it.
 */
@ApplicationScoped
public class TransparencyLog {
    private final TlogStore store;
    private final LogKey key;
    private final LogWitnesses witnesses;
    /** The newest checkpoint signed here: signing is deterministic, so any replica signs the same bytes. */
    private final AtomicReference<SignedCheckpoint> latest = new AtomicReference<>();

    public TransparencyLog(TlogStore store, LogKey key, LogWitnesses witnesses) {
        this.store = store;
        this.key = key;
        this.witnesses = witnesses;
    }

    /** A checkpoint and its signed note as served. */
    public record SignedCheckpoint(Checkpoint checkpoint, String note) {
    }

    /** Where an entry is and the proof that the checkpoint's tree holds it. */
    public record Receipt(long index, String checkpoint, List<String> inclusion) {
    }

    /** Appends the entry; must run inside the transaction of the change it records. Returns its index. */
    public long append(LogEntry entry) {
        if (!QuarkusTransaction.isActive()) {
            throw new IllegalStateException("a log entry is appended inside the transaction of its change");
        }
        byte[] data = entry.bytes();
        if (data.length > EntryBundle.MAX_ENTRY) {
            throw new InvalidInputException("entry", "the change's log entry would exceed " + EntryBundle.MAX_ENTRY + " bytes");
        }
        store.lockForAppend();
        long index = store.head().size();
        List<StoredHash> created = Merkle.append(store::hashes, index, entry.leafHash());
        Map<NodeId, Hash> fresh = new HashMap<>();
        created.forEach(h -> fresh.put(h.node(), h.hash()));
        Hash root = Merkle.treeHash(nodes -> readThrough(nodes, fresh), index + 1);
        store.insertEntry(index, data);
        store.insertHashes(created);
        store.setHead(index + 1, root);
        return index;
    }

    private List<Hash> readThrough(List<NodeId> nodes, Map<NodeId, Hash> fresh) {
        List<NodeId> missing = nodes.stream().filter(n -> !fresh.containsKey(n)).toList();
        Map<NodeId, Hash> all = new HashMap<>(fresh);
        List<Hash> stored = store.hashes(missing);
        for (int i = 0; i < missing.size(); i++) {
            all.put(missing.get(i), stored.get(i));
        }
        return nodes.stream().map(all::get).toList();
    }

    public String verifierKey() {
        return key.signer().verifier().text();
    }

    /**
     * The checkpoint of the current tree, signed by the log, followed by the cosignatures configured
     * witnesses sent for this tree size (docs/transparency.md#witnesses).
     */
    public SignedCheckpoint checkpoint() {
        SignedCheckpoint signed = signedCheckpoint();
        return new SignedCheckpoint(signed.checkpoint(), witnesses.cosigned(signed.checkpoint(), signed.note()));
    }

    /** Keeps the valid cosignatures of configured witnesses in {@code body}, a cosigned checkpoint of the current tree. */
    public int addCosignatures(byte[] body) {
        return witnesses.accept(body, signedCheckpoint().checkpoint());
    }

    /** The checkpoint of the current tree, signed once per tree size. */
    private SignedCheckpoint signedCheckpoint() {
        TlogStore.Head head = store.head();
        SignedCheckpoint cached = latest.get();
        if (cached != null && cached.checkpoint().size() == head.size()) {
            return cached;
        }
        Checkpoint c = new Checkpoint(key.origin(), head.size(), head.root() == null ? Merkle.emptyRoot() : head.root());
        SignedCheckpoint signed = new SignedCheckpoint(c, SignedNote.sign(c.text(), key.signer()).format());
        latest.accumulateAndGet(signed, (old, now) -> old == null || now.checkpoint().size() >= old.checkpoint().size() ? now : old);
        return signed;
    }

    /** The inclusion proof of entry {@code index} in the tree of {@code size} entries. */
    public List<Hash> inclusionProof(long index, long size) {
        requireWithin("size", size);
        if (index >= size) {
            throw new InvalidInputException("index", "index " + index + " is not below the tree size " + size);
        }
        return Merkle.inclusionProof(reader(), index, size);
    }

    /** The consistency proof from the tree of {@code from} entries to the tree of {@code to}. */
    public List<Hash> consistencyProof(long from, long to) {
        requireWithin("to", to);
        if (from < 1 || from > to) {
            throw new InvalidInputException("from", "from must be at least 1 and at most to (" + to + ")");
        }
        return Merkle.consistencyProof(reader(), from, to);
    }

    /** The entry's index, the current checkpoint and the entry's inclusion proof against it. */
    public Receipt receipt(long index) {
        SignedCheckpoint c = checkpoint();
        List<Hash> proof = Merkle.inclusionProof(reader(), index, c.checkpoint().size());
        return new Receipt(index, c.note(), proof.stream().map(Hash::base64).toList());
    }

    /** A tile's bytes: hashes, or an entry bundle. Only tiles the current tree holds exist. */
    public byte[] tile(Tile tile) {
        long size = store.head().size();
        if (tile.minTreeSize() > size) {
            throw new NotFound("tile " + tile.path() + " is beyond the log's " + size + " entries");
        }
        long from = tile.firstNode();
        long to = from + tile.width();
        if (tile.level() == Tile.ENTRIES) {
            List<byte[]> entries = store.entries(from, to);
            requireComplete(tile, entries.size());
            return EntryBundle.encode(entries);
        }
        List<Hash> hashes = store.hashRange(tile.treeLevel(), from, to);
        requireComplete(tile, hashes.size());
        byte[] out = new byte[hashes.size() * Hash.SIZE];
        for (int i = 0; i < hashes.size(); i++) {
            System.arraycopy(hashes.get(i).bytes(), 0, out, i * Hash.SIZE, Hash.SIZE);
        }
        return out;
    }

    private static void requireComplete(Tile tile, int found) {
        if (found != tile.width()) {
            throw new IllegalStateException("the transparency log is missing rows of tile " + tile.path());
        }
    }

    private void requireWithin(String field, long size) {
        long current = store.head().size();
        if (size < 1 || size > current) {
            throw new InvalidInputException(field, field + " must be a tree size from 1 to the log's current " + current);
        }
    }

    private HashReader reader() {
        return store::hashes;
    }
}
