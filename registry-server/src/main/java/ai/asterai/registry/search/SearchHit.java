package ai.asterai.registry.search;

import java.time.OffsetDateTime;
import java.util.List;

/** One search result: a package at its latest non-yanked version. {@code name} is {@code ns:name}. */
public record SearchHit(String name, String version, String kind, String description, List<String> keywords,
                        long downloads, List<String> exports, String keyId, OffsetDateTime updatedAt) {
}
