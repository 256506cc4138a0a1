package ai.asterai.registry.release;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * Where packages and their releases are kept. Services decide (rules, transactions); a store only
 * reads and writes, inside the caller's transaction. {@link PanacheReleaseStore} is the database one.
 * Releases are immutable once inserted except for the yank flag and the download count.
 */
public interface ReleaseStore {
    /** The package, or null. */
    PackageEntity pkg(long namespaceId, String name);

    /** Every package that has at least one release, as {@code namespace:name} (the OCI catalog), in no particular order. */
    List<ai.asterai.protocol.name.PackageName> publishedPackages();

    /** A namespace's packages by name. */
    List<PackageEntity> packagesOf(long namespaceId);

    /** Inserts a package, flushed so a concurrent first publish fails here on the unique name. */
    PackageEntity insertPackage(PackageEntity p);

    /** A publish changed the package: its time and the description of its newest release. */
    void touchPackage(long packageId, OffsetDateTime at, String description);

    /** The release of a version (without build metadata), or null. */
    Release release(long packageId, String versionKey);

    /** Every release of the package, yanked ones included, in no particular order. */
    List<Release> releasesOf(long packageId);

    /** Inserts a release with what its WIT exports and imports, flushed (the version's unique key is checked here). */
    void insertRelease(Release r, List<String> exports, List<String> imports);

    /** What a release's WIT exports or imports ({@code export}, {@code import}), sorted. */
    List<String> interfaceItems(long releaseId, String direction);

    void setYanked(Release r, boolean yanked, OffsetDateTime at);

    /** A non-yanked interface release whose main WIT package is this one ({@code ns:pkg@1.2.3}), or null. */
    Release interfaceRelease(String witPackage);

    /** Whether any release, yanked ones included, names this digest as one of its parts. */
    boolean namesBlob(String digest);

    /** The package's download total. */
    long packageDownloads(long packageId);

    /** Adds downloads to a release and to its package's total. */
    void addDownloads(long releaseId, long count);
}
