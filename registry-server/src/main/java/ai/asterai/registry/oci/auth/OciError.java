package ai.asterai.registry.oci.auth;

import java.util.Map;

/**
 * A refusal on the push side of {@code /v2}, in the OCI distribution spec's terms: its error code
 * ({@code DIGEST_INVALID}, {@code BLOB_UPLOAD_UNKNOWN}, ...), the HTTP status and any headers
 * (the bearer challenge, {@code Range}, {@code Retry-After}).
 */
public final class OciError extends RuntimeException {
    private final int status;
    private final String code;
    private final Map<String, String> headers;

    public OciError(int status, String code, String message, Map<String, String> headers) {
        super(message);
        this.status = status;
        this.code = code;
        this.headers = Map.copyOf(headers);
    }

    public OciError(int status, String code, String message) {
        this(status, code, message, Map.of());
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
