package ai.asterai.registry.oci.auth;

import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.oci.OciException;
import java.util.Map;

/** Builds the push side's {@link OciException}s with an explicit status (the spec's codes travel with several). */
public final class OciRefusals {
    private OciRefusals() {
    }

    public static OciException of(OciErrorCode code, int status, String message) {
        return new OciException(code, status, message, Map.of());
    }

    public static OciException of(OciErrorCode code, int status, String message, Map<String, String> headers) {
        return new OciException(code, status, message, headers);
    }
}
