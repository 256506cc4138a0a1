package ai.asterai.registry.failure;

/** The caller is known but may not do this: a missing scope, not the administrator, an unvouched key. */
public final class Forbidden extends RegistryFailure {
    public Forbidden(String detail) {
        super(detail);
    }
}
