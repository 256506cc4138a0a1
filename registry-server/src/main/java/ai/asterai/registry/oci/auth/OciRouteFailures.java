package ai.asterai.registry.oci.auth;

import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.oci.OciErrors;
import jakarta.ws.rs.core.Response;

/**
 * A request body that broke off or passed the HTTP layer's limit on an OCI route, in the spec's error
 * format ({@code problem/ProblemMappers} sends every failure on a {@code /v2} resource to the OCI
 * format; this is the one whose wording is the upload routes').
 */
public final class OciRouteFailures {
    private OciRouteFailures() {
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
