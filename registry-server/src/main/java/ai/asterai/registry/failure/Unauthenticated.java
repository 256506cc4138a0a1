package ai.asterai.registry.failure;

/** The request carries no usable credential: no token, another scheme, an unknown, revoked or expired token. */
public final class Unauthenticated extends RegistryFailure {
    public Unauthenticated(String detail) {
        super(detail);
    }
}
