package ai.asterai.registry.search;

import java.time.OffsetDateTime;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** One row of the search projection: a package as its latest non-yanked release describes it. */
public record SearchDocument(long packageId, String namespace, String name, String kind, long latestReleaseId,
                             String version, String description, List<String> keywords, List<String> exports,
                             List<String> imports, String keyId, OffsetDateTime updatedAt, long downloads) {

    public String fullName() {
        return namespace + ":" + name;
    }

    /**
     * The words of export or import items that text search should match: {@code wasi:http/outgoing-handler@0.2.0}
     * gives {@code wasi http outgoing-handler}, {@code func:run} gives {@code run}. Versions are left out:
     * their digits would match every numeric query.
     */
    public static String terms(List<String> items) {
        Set<String> words = new LinkedHashSet<>();
        for (String item : items) {
            if (item.startsWith("func:")) {
                words.add(item.substring(5));
                continue;
            }
            InterfaceId.tryParse(item).ifPresentOrElse(id -> {
                words.add(id.namespace());
                words.add(id.pkg());
                words.add(id.iface());
            }, () -> words.add(item.replaceAll("[^a-z0-9-]+", " ").strip()));
        }
        return String.join(" ", words);
    }
}
