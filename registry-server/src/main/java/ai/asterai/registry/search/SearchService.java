package ai.asterai.registry.search;

import ai.asterai.protocol.name.VersionRange;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Search and discovery over the projection the {@link SearchStore} keeps. */
@ApplicationScoped
public class SearchService {
    private final SearchStore store;

    public SearchService(SearchStore store) {
        this.store = store;
    }

    public SearchStrategy.Found search(SearchQuery q) {
        return store.search(q);
    }

    public List<Implementation> implementations(InterfaceId iface, VersionRange range) {
        return store.implementations(iface, range);
    }

    /** A namespace's packages for its page, with the version and description search shows. */
    public List<SearchStore.Listed> packagesIn(long namespaceId) {
        return store.packagesIn(namespaceId);
    }
}
