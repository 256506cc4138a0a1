package ai.asterai.registry.failure;

/** The request contradicts what is stored: a name taken, an immutable version, a key already revoked. */
public final class Conflict extends RegistryFailure {
    public Conflict(String detail) {
        super(detail);
    }
}
