package ai.asterai.registry.oci;

import ai.asterai.protocol.oci.OciErrorCode;
import java.util.Map;

/**
 * A refusal on the OCI routes ({@code /v2}), answered in the distribution spec's error format by
 * {@link OciErrors}: a code from its table, the status that goes with it here, a message for the
 * client and the headers the status needs ({@code WWW-Authenticate}, {@code Retry-After}, ...).
 */
public class OciException extends RuntimeException {
    private final OciErrorCode code;
    private final int status;
    private final Map<String, String> headers;

    public OciException(OciErrorCode code, int status, String message, Map<String, String> headers) {
        super(message);
        this.code = code;
        this.status = status;
        this.headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public OciException(OciErrorCode code, String message) {
        this(code, code.status(), message, Map.of());
    }

    public OciErrorCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
