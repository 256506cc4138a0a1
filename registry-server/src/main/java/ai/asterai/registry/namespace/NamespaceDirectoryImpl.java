package ai.asterai.registry.namespace;

import ai.asterai.registry.auth.NamespaceDirectory;
import jakarta.enterprise.context.ApplicationScoped;

/** The namespaces table answers for the token feature. */
@ApplicationScoped
public class NamespaceDirectoryImpl implements NamespaceDirectory {
    @Override
    public boolean exists(String name) {
        return Namespace.findByName(name) != null;
    }
}
