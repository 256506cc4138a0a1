package ai.asterai.registry.web;

import ai.asterai.registry.search.SearchHit;
import java.util.List;

/**
 * The search page: what was asked (echoed into the form), the hits, and links to the pages around.
 * {@code error} is a message about a bad parameter, shown instead of results.
 */
public record SearchPage(String q, String iface, String namespace, String keyword, String sort, List<SearchHit> hits,
                         long total, int page, String prevHref, String nextHref, String error, boolean browsing) {
}
