package ai.asterai.registry.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code next} link of a page: the same request with the page after, as a path relative to the
 * registry's root (clients resolve it against the registry URL; no host to get wrong behind a proxy).
 */
final class NextLink {
    private final String path;
    private final Map<String, String> params = new LinkedHashMap<>();

    NextLink(String path) {
        this.path = path;
    }

    NextLink param(String name, String value) {
        if (value != null && !value.isEmpty()) {
            params.put(name, value);
        }
        return this;
    }

    String build(Paging paging, long total) {
        if (!paging.hasNext(total)) {
            return null;
        }
        param("page", Integer.toString(paging.page() + 1));
        param("per_page", Integer.toString(paging.perPage()));
        StringBuilder sb = new StringBuilder(path);
        char sep = '?';
        for (Map.Entry<String, String> e : params.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)
                    .replace("+", "%20"));
            sep = '&';
        }
        return sb.toString();
    }
}
