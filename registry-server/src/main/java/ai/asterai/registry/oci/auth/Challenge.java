package ai.asterai.registry.oci.auth;

import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.registry.oci.OciException;
import java.net.URI;
import java.util.Map;

/**
 * The bearer challenge OCI clients follow: {@code realm} is the token endpoint, {@code service}
 * this registry's host. Both come from {@code asterai.public-url}; without one, from the URL the
 * request was sent to, since a client can only follow an absolute realm (docs/oci.md "Push").
 */
public record Challenge(String realm, String service) {
    public static Challenge of(String publicUrl, URI requestBase) {
        String base = publicUrl == null || publicUrl.isBlank()
                ? requestBase.getScheme() + "://" + requestBase.getRawAuthority()
                : publicUrl.strip().replaceAll("/+$", "");
        URI u = URI.create(base);
        return new Challenge(base + "/v2/token", u.getRawAuthority());
    }

    /** The header value without a scope: what {@code GET /v2/} announces. */
    public String header() {
        return "Bearer realm=\"" + realm + "\",service=\"" + service + "\"";
    }

    /** The header value asking for push and pull on a repository, with the reason a token did not do. */
    public String header(String repository, String error) {
        return header() + ",scope=\"repository:" + repository + ":push,pull\"" + (error == null ? "" : ",error=\"" + error + "\"");
    }

    public OciException unauthorized(String repository, String error, String message) {
        return OciRefusals.of(OciErrorCode.UNAUTHORIZED, 401, message, Map.of("WWW-Authenticate", header(repository, error)));
    }
}
