package ai.asterai.runtime.sandbox;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code scheme://host[:port]} permission: {@code host} may start with {@code *.} to match any
 * subdomain (not the bare domain); a missing port means the scheme's default, {@code *} any port.
 *
 * @param port -1 for any port
 */
public record HostPattern(String scheme, String host, boolean wildcard, int port) {
    private static final Pattern SYNTAX = Pattern.compile(
            "(https?)://(\\*\\.)?([a-z0-9]([a-z0-9.-]{0,252})|\\[[0-9a-f:.]+\\])(?::(\\*|[0-9]{1,5}))?/?");

    public static HostPattern parse(String text) {
        Matcher m = SYNTAX.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("host permission must look like https://host[:port] or https://*.domain (got '" + text + "')");
        }
        String scheme = m.group(1);
        int port;
        if (m.group(5) == null) {
            port = defaultPort(scheme);
        } else if (m.group(5).equals("*")) {
            port = -1;
        } else {
            port = Integer.parseInt(m.group(5));
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port out of range in '" + text + "'");
            }
        }
        return new HostPattern(scheme, m.group(3), m.group(2) != null, port);
    }

    public static int defaultPort(String scheme) {
        return "https".equals(scheme) ? 443 : 80;
    }

    public boolean matches(URI uri) {
        String s = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String h = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        int p = uri.getPort() == -1 ? defaultPort(s) : uri.getPort();
        return matches(s, h, p);
    }

    public boolean matches(String s, String h, int p) {
        if (!scheme.equals(s) || (port != -1 && port != p)) {
            return false;
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        return wildcard ? h.endsWith("." + host) : h.equals(host);
    }

    /** Whether this pattern names {@code host} exactly (no wildcard). */
    public boolean namesExactly(String h) {
        return !wildcard && host.equalsIgnoreCase(h);
    }

    @Override
    public String toString() {
        return scheme + "://" + (wildcard ? "*." : "") + host + (port == -1 ? ":*" : ":" + port);
    }
}
