package ai.asterai.client.config;

import ai.asterai.client.failure.ConfigException;
import ai.asterai.protocol.name.PackageName;
import java.net.URI;
import java.net.URISyntaxException;

/** A registry's base URL: http or https, no credentials, no query, no trailing slash. */
public record RegistryUrl(String value) {
    public RegistryUrl {
        value = normalise(value);
    }

    public static RegistryUrl parse(String text) {
        return new RegistryUrl(text);
    }

    private static String normalise(String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(text, "registry URL is empty");
        }
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new ConfigException(text, "registry URL '" + PackageName.printable(text) + "' is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new ConfigException(text, "registry URL '" + PackageName.printable(text) + "' must start with https:// or http://");
        }
        if (uri.getHost() == null) {
            throw new ConfigException(text, "registry URL '" + PackageName.printable(text) + "' has no host");
        }
        if (uri.getRawUserInfo() != null) {
            // a URL is printed in messages; a token belongs in --token, never in the URL
            throw new ConfigException(null, "registry URL must not contain credentials; use --token");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new ConfigException(text, "registry URL '" + PackageName.printable(text) + "' must not have a query or fragment");
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return scheme + "://" + uri.getRawAuthority() + path;
    }

    public URI resolve(String pathAndQuery) {
        return URI.create(value + pathAndQuery);
    }

    @Override
    public String toString() {
        return value;
    }
}
