package ai.asterai.registry.namespace;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where namespaces and their keys are kept. The service decides (rules, transactions); this only
 * reads and writes, inside the caller's transaction. {@link PanacheNamespaceStore} is the database one.
 */
public interface NamespaceStore {
    /** The namespace, or null. */
    Namespace byName(String name);

    /** Inserts a namespace, flushed so a lost race fails here on the unique name. */
    Namespace insert(String name, OffsetDateTime createdAt);

    /** Holds the namespace's row until the transaction ends: key changes of one namespace go one at a time, across replicas. */
    void lockForKeyChange(Namespace ns);

    /** Its keys, oldest first, revoked ones included. */
    List<NamespaceKey> keys(long namespaceId);

    /** One key, or null. */
    NamespaceKey key(long namespaceId, String keyId);

    NamespaceKey insertKey(NamespaceKey key);

    void revokeKey(NamespaceKey key, OffsetDateTime at);
}
