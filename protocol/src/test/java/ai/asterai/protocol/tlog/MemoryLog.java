package ai.asterai.protocol.tlog;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A log in memory, built with {@link Merkle#append} as the registry builds its own: the test's store. */
final class MemoryLog implements HashReader {
    final Map<NodeId, Hash> stored = new HashMap<>();
    final List<byte[]> entries = new ArrayList<>();
    int reads;

    long append(byte[] entry) {
        long index = entries.size();
        for (StoredHash h : Merkle.append(this, index, Merkle.leafHash(entry))) {
            stored.put(h.node(), h.hash());
        }
        entries.add(entry);
        return index;
    }

    long size() {
        return entries.size();
    }

    @Override
    public List<Hash> read(List<NodeId> nodes) {
        reads++;
        List<Hash> out = new ArrayList<>();
        for (NodeId n : nodes) {
            Hash h = stored.get(n);
            if (h == null || n.end() > entries.size()) {
                throw new IllegalStateException("not stored: " + n);
            }
            out.add(h);
        }
        return out;
    }

    /** RFC 6962 MTH straight from the definition, over the entries: the reference. */
    Hash referenceRoot(int lo, int hi) {
        if (hi - lo == 0) {
            return Merkle.emptyRoot();
        }
        if (hi - lo == 1) {
            return Merkle.leafHash(entries.get(lo));
        }
        int k = Integer.highestOneBit(hi - lo - 1);
        return Merkle.nodeHash(referenceRoot(lo, lo + k), referenceRoot(lo + k, hi));
    }
}
