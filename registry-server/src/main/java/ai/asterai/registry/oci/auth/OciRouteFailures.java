package ai.asterai.registry.oci.auth;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.failure.RegistryFailure;
import ai.asterai.registry.oci.OciErrors;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * The push routes' other failures in the spec's error format, never a problem body. Class-local
 * mappers apply only to their own class (and are not inherited), so each push resource declares
 * four one-line mappers that call these.
 */
public final class OciRouteFailures {
    private OciRouteFailures() {
    }

    public static Response registryFailure(RegistryFailure e) {
        return OciErrors.response(e, OciErrorCode.NAME_UNKNOWN);
    }

    public static Response invalidInput(InvalidInputException e) {
        return OciErrors.response(e, OciErrorCode.NAME_UNKNOWN);
    }

    public static Response webApplication(WebApplicationException e) {
        return OciErrors.response(e, OciErrorCode.NAME_UNKNOWN);
    }

    /** A body that broke off or passed the HTTP layer's limit while it was read. */
    public static Response requestBody(java.io.IOException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("too large")) {
            return OciErrors.response(OciRefusals.of(OciErrorCode.SIZE_INVALID, 413, "request body is larger than the upload limit",
                    java.util.Map.of("Connection", "close")));
        }
        return OciErrors.response(OciRefusals.of(OciErrorCode.BLOB_UPLOAD_INVALID, 400, "request body is malformed or was cut short"));
    }
}
