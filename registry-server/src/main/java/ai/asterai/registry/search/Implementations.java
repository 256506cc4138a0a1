package ai.asterai.registry.search;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * {@code GET /v1/interfaces/{ns}:{pkg}/{iface}/implementations}: the interface asked for (without
 * version), the version requirement or null, a page of implementations, the total and the next page.
 */
public record Implementations(@JsonProperty("interface") String iface, String version, List<Implementation> results,
                              long total, String next) {
}
