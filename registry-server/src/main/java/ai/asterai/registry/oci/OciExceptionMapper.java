package ai.asterai.registry.oci;

import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** An {@link OciException} from any resource (pull or push routes) in the distribution spec's error format. */
public class OciExceptionMapper {
    @ServerExceptionMapper
    public Response oci(OciException e) {
        return OciErrors.response(e);
    }
}
