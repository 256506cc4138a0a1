package ai.asterai.client.failure;

/**
 * An OCI registry answered with an error status; {@code code} is the distribution spec's error code
 * ({@code MANIFEST_UNKNOWN}, {@code UNAUTHORIZED}, ...) when its body carried one, else null.
 */
public final class OciRegistryException extends RegistryException {
    private final String code;
    private final String authority;

    public OciRegistryException(int status, String code, String detail, String url, String authority) {
        super(status, detail, null, url);
        this.code = code;
        this.authority = authority;
    }

    public String code() {
        return code;
    }

    /** {@code host[:port]} of the registry, as credentials are keyed. */
    public String authority() {
        return authority;
    }
}
