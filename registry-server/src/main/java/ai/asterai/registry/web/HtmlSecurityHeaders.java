package ai.asterai.registry.web;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;

/**
 * Pages show untrusted text (descriptions, WIT): besides escaping, the browser is told to run only
 * the registry's own script and styles, never inline code, and not to sniff types or be framed.
 */
@Provider
public class HtmlSecurityHeaders implements ContainerResponseFilter {
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void filter(ContainerRequestContext req, ContainerResponseContext res) {
        MediaType type = res.getMediaType();
        if (type != null && type.isCompatible(MediaType.TEXT_HTML_TYPE)) {
            res.getHeaders().putSingle("Content-Security-Policy", CSP);
            res.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
            res.getHeaders().putSingle("Referrer-Policy", "same-origin");
            res.getHeaders().putSingle("X-Frame-Options", "DENY");
        }
    }
}
