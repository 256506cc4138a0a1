package ai.asterai.registry.web;

import ai.asterai.registry.namespace.Namespace;
import ai.asterai.registry.namespace.NamespaceService;
import ai.asterai.registry.search.SearchService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Assembles a namespace's page: its keys from the namespace feature, its packages from the search projection. */
@ApplicationScoped
public class NamespacePages {
    private final NamespaceService namespaces;
    private final SearchService search;

    public NamespacePages(NamespaceService namespaces, SearchService search) {
        this.namespaces = namespaces;
        this.search = search;
    }

    public NamespacePage page(String name) {
        Namespace ns = namespaces.require(name);
        List<NamespacePage.Key> keys = namespaces.keys(ns).stream()
                .map(k -> new NamespacePage.Key(k.keyId, k.label, k.createdAt, k.revokedAt, k.active())).toList();
        List<NamespacePage.Entry> packages = search.packagesIn(ns.id).stream().map(p -> new NamespacePage.Entry(ns.name + ":" + p.name(),
                p.kind(), p.version(), p.description(), p.downloads(), p.updatedAt())).toList();
        return new NamespacePage(ns.name, ns.createdAt, keys, packages);
    }
}
