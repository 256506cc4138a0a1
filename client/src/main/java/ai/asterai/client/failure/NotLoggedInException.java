package ai.asterai.client.failure;

/** A request needs a token and the client holds none for {@code registry}. */
public final class NotLoggedInException extends ClientException {
    private final String registry;

    public NotLoggedInException(String registry) {
        super("not logged in to " + registry);
        this.registry = registry;
    }

    public String registry() {
        return registry;
    }
}
