package ai.asterai.registry.search;

import java.util.List;

/** {@code GET /v1/search}: a page of hits, how many match in all, and the next page's path or null. */
public record SearchResults(List<SearchHit> results, long total, String next) {
}
