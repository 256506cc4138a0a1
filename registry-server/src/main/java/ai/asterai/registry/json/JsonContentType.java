package ai.asterai.registry.json;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Set;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * A body sent to an endpoint that consumes JSON must say so: {@code Content-Type: application/json},
 * with no charset or {@code charset=utf-8}. Without this a request with no Content-Type at all was
 * bound as JSON. Anything else is a 415 problem.
 */
public class JsonContentType {
    private static final Set<String> WITH_BODY = Set.of("POST", "PUT", "PATCH");

    @ServerRequestFilter
    public void requireJson(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        if (method == null || !WITH_BODY.contains(request.getMethod()) || !consumesJson(method)) {
            return;
        }
        MediaType type = request.getMediaType();
        if (type == null || !"application".equalsIgnoreCase(type.getType()) || !"json".equalsIgnoreCase(type.getSubtype())) {
            throw new NotSupportedException("a JSON body needs Content-Type: application/json");
        }
        String charset = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (charset != null && !"utf-8".equalsIgnoreCase(charset)) {
            throw new NotSupportedException("JSON bodies are UTF-8");
        }
    }

    private static boolean consumesJson(Method method) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = method.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return consumes != null && Arrays.asList(consumes.value()).contains(MediaType.APPLICATION_JSON);
    }
}
