package ai.asterai.registry.namespace;

import ai.asterai.registry.auth.NamespaceDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/** The namespaces table answers for the token feature. */
@ApplicationScoped
public class NamespaceDirectoryImpl implements NamespaceDirectory {
    private final NamespaceStore store;

    public NamespaceDirectoryImpl(NamespaceStore store) {
        this.store = store;
    }

    @Override
    public boolean exists(String name) {
        return store.byName(name) != null;
    }
}
