package ai.asterai.registry.namespace;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.OffsetDateTime;
import java.util.List;

/** Namespaces and keys in PostgreSQL (or the embedded H2), through their Panache entities. */
@ApplicationScoped
public class PanacheNamespaceStore implements NamespaceStore {
    @Override
    public Namespace byName(String name) {
        return Namespace.find("name", name).firstResult();
    }

    @Override
    public Namespace insert(String name, OffsetDateTime createdAt) {
        Namespace ns = new Namespace();
        ns.name = name;
        ns.createdAt = createdAt;
        ns.persistAndFlush();
        return ns;
    }

    @Override
    public void lockForKeyChange(Namespace ns) {
        Namespace.getEntityManager().lock(ns, LockModeType.PESSIMISTIC_WRITE);
    }

    @Override
    public List<NamespaceKey> keys(long namespaceId) {
        return NamespaceKey.list("namespaceId = ?1 order by createdAt, id", namespaceId);
    }

    @Override
    public NamespaceKey key(long namespaceId, String keyId) {
        return NamespaceKey.find("namespaceId = ?1 and keyId = ?2", namespaceId, keyId).firstResult();
    }

    @Override
    public NamespaceKey insertKey(NamespaceKey key) {
        key.persistAndFlush();
        return key;
    }

    @Override
    public void revokeKey(NamespaceKey key, OffsetDateTime at) {
        key.revokedAt = at;
    }
}
