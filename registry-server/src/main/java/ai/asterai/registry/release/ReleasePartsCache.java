package ai.asterai.registry.release;

import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What a part download needs to know about a release (its id and the digest and size of each
 * part), kept in memory so that a download does not pay three database round trips. None of it
 * can change once a version is published (versions are immutable and never deleted; only the yank
 * flag and the download count change, and neither is kept here), so an entry is never stale, on
 * any replica. Only found releases are kept: a version that does not exist yet is looked up again.
 */
@ApplicationScoped
public class ReleasePartsCache {
    static final int MAX_ENTRIES = 10_000;

    /** The immutable facts about one release that serving its parts needs. */
    public record Parts(long releaseId, String version, String wasmDigest, Long wasmSize, String witDigest, long witSize,
                        String manifestDigest, long manifestSize) {
        static Parts of(Release r) {
            return new Parts(r.id, r.version, r.wasmDigest, r.wasmSize, r.witDigest, r.witSize, r.manifestDigest, r.manifestSize);
        }
    }

    private final ReleaseQueries queries;
    private final ImmutableFacts<String, Parts> entries = new ImmutableFacts<>(MAX_ENTRIES);

    public ReleasePartsCache(ReleaseQueries queries) {
        this.queries = queries;
    }

    /** The release's parts; a 404 problem when the package or version does not exist. */
    public Parts get(PackageName pkg, Version version) {
        return entries.get(pkg + "@" + version.withoutBuild(), k -> Parts.of(queries.release(pkg, version)));
    }
}
