package ai.asterai.registry.failure;

/** Something asked for by name does not exist (a namespace, package, version, key, token, blob, part). */
public final class NotFound extends RegistryFailure {
    public NotFound(String detail) {
        super(detail);
    }
}
