package ai.asterai.registry.namespace;

import java.util.List;

/** The packages of a namespace, for its page and its API view; the release feature answers it. */
public interface PackageListing {
    List<NamespaceResource.PackageSummary> packagesOf(long namespaceId, String namespace);
}
