package ai.asterai.registry.release;

import ai.asterai.registry.namespace.NamespaceResource;
import ai.asterai.registry.namespace.PackageListing;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** A namespace's packages, from the packages table. */
@ApplicationScoped
public class ReleasePackageListing implements PackageListing {
    private final ReleaseStore store;

    public ReleasePackageListing(ReleaseStore store) {
        this.store = store;
    }

    @Override
    public List<NamespaceResource.PackageSummary> packagesOf(long namespaceId, String namespace) {
        return store.packagesOf(namespaceId).stream()
                .map(p -> new NamespaceResource.PackageSummary(namespace + ":" + p.name, p.kind, p.description, p.updatedAt)).toList();
    }
}
