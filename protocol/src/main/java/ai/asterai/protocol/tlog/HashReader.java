package ai.asterai.protocol.tlog;

import java.util.List;

/** Reads stored hashes of complete subtrees, in one round trip for the whole list. */
@FunctionalInterface
public interface HashReader {
    /** The hashes of {@code nodes}, in the same order; every node asked for lies within the tree. */
    List<Hash> read(List<NodeId> nodes);
}
