package ai.asterai.registry.auth;

/** Whether a namespace exists: tokens are minted only for namespaces someone holds. */
public interface NamespaceDirectory {
    boolean exists(String name);
}
