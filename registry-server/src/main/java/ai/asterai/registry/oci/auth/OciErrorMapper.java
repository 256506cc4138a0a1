package ai.asterai.registry.oci.auth;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Answers an {@link OciError} in the distribution spec's error body: {@code {"errors":[{code,message}]}}. */
public class OciErrorMapper {
    @ServerExceptionMapper
    public Response ociError(OciError e) {
        Response.ResponseBuilder r = Response.status(e.status()).type("application/json")
                .entity(Map.of("errors", List.of(Map.of("code", e.code(), "message", e.getMessage()))));
        e.headers().forEach(r::header);
        return r.build();
    }
}
