package ai.asterai.registry.failure;

/**
 * What a service refuses, as a domain fact rather than an HTTP answer: the {@code problem} package
 * alone turns each kind into a status and an RFC 9457 body (and the web pages into an error page).
 * Malformed input is protocol's {@link ai.asterai.protocol.InvalidInputException}, which names the
 * field; it is shared with the client, so it stays outside this hierarchy.
 */
public sealed abstract class RegistryFailure extends RuntimeException
        permits NotFound, Conflict, Forbidden, Unauthenticated, RateLimited, Unavailable, RangeNotSatisfiable {

    protected RegistryFailure(String detail) {
        super(detail);
    }

    protected RegistryFailure(String detail, Throwable cause) {
        super(detail, cause);
    }

    /** The sentence for the caller: names what was asked for and why it was refused. */
    public String detail() {
        return getMessage();
    }
}
