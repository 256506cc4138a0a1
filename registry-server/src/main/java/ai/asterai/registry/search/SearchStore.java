package ai.asterai.registry.search;

import ai.asterai.protocol.name.VersionRange;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * The search projection: one row per package, as its latest non-yanked release describes it, and
 * the interfaces that release exports. {@link JdbcSearchStore} keeps it in the registry's database
 * (built from {@link SearchIndexer}, a {@link SearchStrategy} per database and {@link ImplementationFinder}).
 */
public interface SearchStore {
    /** A package of a namespace as its page lists it: the projection's version and description where it has a row. */
    record Listed(String name, String kind, String version, String description, long downloads, OffsetDateTime updatedAt) {
    }

    /** Rebuilds one package's row, in the caller's transaction (which has written the release). */
    void refresh(long packageId);

    /** Adds counted downloads of a release to its package's row, in the caller's transaction. */
    void addDownloads(long releaseId, long count);

    /** Packages with a visible release but no row (published before search existed). */
    List<Long> packagesWithoutRow();

    SearchStrategy.Found search(SearchQuery q);

    List<Implementation> implementations(InterfaceId iface, VersionRange range);

    /** A namespace's packages by name. */
    List<Listed> packagesIn(long namespaceId);
}
