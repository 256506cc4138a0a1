package ai.asterai.registry.web;

import ai.asterai.registry.namespace.Namespace;
import ai.asterai.registry.namespace.NamespaceKey;
import ai.asterai.registry.namespace.NamespaceService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.util.List;

@ApplicationScoped
public class NamespacePages {
    private final NamespaceService namespaces;

    public NamespacePages(NamespaceService namespaces) {
        this.namespaces = namespaces;
    }

    public NamespacePage page(String name) {
        Namespace ns = namespaces.require(name);
        List<NamespacePage.Key> keys = NamespaceKey.forNamespace(ns.id).stream()
                .map(k -> new NamespacePage.Key(k.keyId, k.label, k.createdAt, k.revokedAt, k.active())).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Namespace.getEntityManager().createNativeQuery("select p.name, p.kind, s.version,"
                        + " coalesce(s.description, p.description), p.downloads, p.updated_at from packages p"
                        + " left join package_search s on s.package_id = p.id where p.namespace_id = ?1 order by p.name")
                .setParameter(1, ns.id).getResultList();
        List<NamespacePage.Entry> packages = rows.stream().map(r -> new NamespacePage.Entry(ns.name + ":" + r[0],
                (String) r[1], (String) r[2], (String) r[3], ((Number) r[4]).longValue(), toOffset(r[5]))).toList();
        return new NamespacePage(ns.name, ns.createdAt, keys, packages);
    }

    private static OffsetDateTime toOffset(Object o) {
        if (o instanceof OffsetDateTime t) {
            return t;
        }
        if (o instanceof java.time.Instant i) {
            return i.atOffset(java.time.ZoneOffset.UTC);
        }
        if (o instanceof java.sql.Timestamp ts) {
            return ts.toInstant().atOffset(java.time.ZoneOffset.UTC);
        }
        return null;
    }
}
