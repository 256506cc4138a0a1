package ai.asterai.client.failure;

/**
 * The registry answered with an error status. Carries its RFC 9457 problem fields, so the message
 * is the registry's own one-line explanation.
 */
public class RegistryException extends ClientException {
    private final int status;
    private final String field;
    private final String url;

    public RegistryException(int status, String detail, String field, String url) {
        super(detail);
        this.status = status;
        this.field = field;
        this.url = url;
    }

    public int status() {
        return status;
    }

    /** The request field or multipart part at fault, when the registry named one. */
    public String field() {
        return field;
    }

    public String url() {
        return url;
    }

    /** 5xx and 429 mean "try again later"; other 4xx mean the request itself was refused. */
    public boolean isTransient() {
        return status >= 500 || status == 429;
    }
}
