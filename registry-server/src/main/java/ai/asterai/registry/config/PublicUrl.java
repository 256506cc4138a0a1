package ai.asterai.registry.config;

import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.net.URISyntaxException;

/**
 * Builds the links the registry sends from its configured public URL ({@code asterai.public-url}),
 * never from the request's {@code Host} header, which any client can set. Without a configured URL
 * a link is a path: a relative reference, which RFC 9110 allows in {@code Location}.
 */
@ApplicationScoped
public class PublicUrl {
    private final String base;

    public PublicUrl(RegistryConfig config) {
        this.base = config.publicUrl().map(String::strip).filter(s -> !s.isEmpty()).map(PublicUrl::check).orElse("");
    }

    /** The link to {@code path} (which starts with {@code /}). */
    public String link(String path) {
        return base + path;
    }

    public static String check(String url) {
        try {
            URI u = new URI(url);
            if (!("http".equals(u.getScheme()) || "https".equals(u.getScheme())) || u.getHost() == null
                    || u.getRawQuery() != null || u.getRawFragment() != null || u.getRawUserInfo() != null) {
                throw new IllegalArgumentException("asterai.public-url must be an http or https URL without user, query or fragment: " + url);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("asterai.public-url is not a URL: " + url, e);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
