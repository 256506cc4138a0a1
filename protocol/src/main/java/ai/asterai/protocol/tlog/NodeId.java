package ai.asterai.protocol.tlog;

/**
 * A complete subtree of the log: the node at {@code level} (0 = leaves) and {@code index} covers the
 * leaves {@code index * 2^level} up to, not including, {@code (index + 1) * 2^level}. Once its last
 * leaf is appended its hash never changes, which is what makes it storable and tiles cacheable.
 */
public record NodeId(int level, long index) {
    public NodeId {
        if (level < 0 || level > 63 || index < 0 || (level > 0 && index > (Long.MAX_VALUE >> level))) {
            throw new TlogFormatException("node", "no node at level " + level + ", index " + index);
        }
    }

    /** The first leaf after this subtree. */
    public long end() {
        return (index + 1) << level;
    }
}
