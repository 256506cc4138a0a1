package ai.asterai.protocol.tlog;

/** A complete subtree's hash, as a log stores it. */
public record StoredHash(NodeId node, Hash hash) {
}
