package ai.asterai.registry.oci;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.oci.OciNames;
import ai.asterai.protocol.oci.ReleaseArtifacts;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.SignatureBundle;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.release.PackageEntity;
import ai.asterai.registry.release.Release;
import ai.asterai.registry.release.ReleaseQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The read side of the OCI view of the registry (docs/oci.md): which manifests and blobs a repository
 * has, its tags, the referrers of a manifest and the catalog. Everything is derived from releases;
 * the artifacts of a release and the content a digest names are remembered, since neither can change.
 */
@ApplicationScoped
public class OciRegistry {
    static final int MAX_REMEMBERED = 10_000;
    private final ReleaseQueries queries;
    private final BoundedCache<Long, ReleaseArtifacts> artifacts = new BoundedCache<>(MAX_REMEMBERED);
    private final BoundedCache<String, OciContent> byDigest = new BoundedCache<>(MAX_REMEMBERED);

    public OciRegistry(ReleaseQueries queries) {
        this.queries = queries;
    }

    /** The artifacts of a release, built once (deterministically) and remembered. */
    public ReleaseArtifacts artifacts(PackageName pkg, Release r) {
        return artifacts.get(r.id, id -> ReleaseArtifacts.build(facts(pkg, r)));
    }

    ReleaseArtifacts.Facts facts(PackageName pkg, Release r) {
        ReleaseQueries.Interfaces wit = queries.interfaces(r.id);
        return new ReleaseArtifacts.Facts(pkg, Version.parse(r.version), PackageKind.parse(r.kind), r.publishedAt.toInstant(),
                r.wasmDigest == null ? null : Digest.parse(r.wasmDigest), r.wasmSize == null ? 0 : r.wasmSize,
                Digest.parse(r.witDigest), r.witSize, Digest.parse(r.manifestDigest), r.manifestSize,
                new SignatureBundle(r.keyId, r.signature), wit.exports(), wit.imports());
    }

    /** The manifest a tag or digest names: NAME_UNKNOWN without the package, MANIFEST_UNKNOWN without the manifest. */
    public OciContent.Generated manifest(PackageName pkg, OciReference.Ref ref) {
        if (ref.isDigest()) {
            OciContent c = content(pkg, ref.digest());
            if (c instanceof OciContent.Generated g && g.mediaType().equals(OciMediaTypes.IMAGE_MANIFEST)) {
                return g;
            }
            throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "repository " + OciNames.repository(pkg) + " has no manifest " + ref);
        }
        Release r = tagged(pkg, ref.tag());
        byte[] json = artifacts(pkg, r).componentJson();
        return new OciContent.Generated(Digest.of(json), json, OciMediaTypes.IMAGE_MANIFEST);
    }

    /** The release a tag names: a version (yanked ones too) or {@code latest} (the newest non-yanked). */
    Release tagged(PackageName pkg, String tag) {
        if (tag.equals(OciNames.LATEST)) {
            List<Release> releases = releases(pkg);
            String latest = ReleaseQueries.latest(releases);
            if (latest == null) {
                throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "repository " + OciNames.repository(pkg)
                        + " has no 'latest': every version is yanked");
            }
            return releases.stream().filter(r -> r.version.equals(latest)).findFirst().orElseThrow();
        }
        Version v = OciNames.versionOf(tag);
        if (v == null) {
            requirePackage(pkg);
            throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "tag '" + tag + "' is not a version; tags here are versions and 'latest'");
        }
        try {
            Release r = queries.release(pkg, v);
            if (!OciNames.tag(Version.parse(r.version)).equals(tag)) {
                // 1.0.0_b names 1.0.0+b only: a different build or no build is another tag
                throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "repository " + OciNames.repository(pkg) + " has no tag " + tag);
            }
            return r;
        } catch (NotFound e) {
            requirePackage(pkg);
            throw new OciException(OciErrorCode.MANIFEST_UNKNOWN, "repository " + OciNames.repository(pkg) + " has no tag " + tag);
        }
    }

    /** Content (blob or manifest) this repository holds under a digest, or an exception with {@code BLOB_UNKNOWN}. */
    public OciContent blob(PackageName pkg, Digest digest) {
        OciContent c = content(pkg, digest);
        if (c == null) {
            throw new OciException(OciErrorCode.BLOB_UNKNOWN, "repository " + OciNames.repository(pkg) + " has no blob " + digest);
        }
        return c;
    }

    /** What the digest names in this repository, or null; NAME_UNKNOWN when the repository does not exist. */
    private OciContent content(PackageName pkg, Digest digest) {
        String key = pkg + "@" + digest;
        OciContent found = byDigest.get(key, k -> find(pkg, digest));
        if (found == null) {
            requirePackage(pkg);
        }
        return found;
    }

    private OciContent find(PackageName pkg, Digest digest) {
        List<Release> releases;
        try {
            releases = releases(pkg);
        } catch (OciException e) {
            return null; // the caller tells a missing repository apart
        }
        String d = digest.toString();
        for (Release r : releases) {
            if (d.equals(r.wasmDigest)) {
                return new OciContent.Stored(digest, r.wasmSize, OciMediaTypes.WASM_LAYER, r.id);
            }
            if (d.equals(r.witDigest)) {
                return new OciContent.Stored(digest, r.witSize, OciMediaTypes.WIT_LAYER, r.id);
            }
            if (d.equals(r.manifestDigest)) {
                return new OciContent.Stored(digest, r.manifestSize, OciMediaTypes.RELEASE_MANIFEST_LAYER, r.id);
            }
        }
        for (Release r : releases) {
            ReleaseArtifacts a = artifacts(pkg, r);
            byte[] manifest = a.manifest(digest);
            if (manifest != null) {
                return new OciContent.Generated(digest, manifest, OciMediaTypes.IMAGE_MANIFEST);
            }
            byte[] blob = a.generatedBlob(digest);
            if (blob != null) {
                String type = blob == a.config() ? OciMediaTypes.WASM_CONFIG
                        : blob == a.signatureBundle() ? OciMediaTypes.SIGNATURE_LAYER : OciMediaTypes.EMPTY_CONFIG;
                return new OciContent.Generated(digest, blob, type);
            }
        }
        return null;
    }

    /** Every tag, in lexical order: each version (build metadata's '+' as '_') and 'latest' when a version is not yanked. */
    public List<String> tags(PackageName pkg) {
        List<Release> releases = releases(pkg);
        TreeSet<String> tags = new TreeSet<>();
        for (Release r : releases) {
            tags.add(OciNames.tag(Version.parse(r.version)));
        }
        if (ReleaseQueries.latest(releases) != null) {
            tags.add(OciNames.LATEST);
        }
        return new ArrayList<>(tags);
    }

    /** The referrers of a manifest in this repository (none for a digest that is not a release's manifest). */
    public List<OciDescriptor> referrers(PackageName pkg, Digest subject) {
        OciContent c = content(pkg, subject);
        if (!(c instanceof OciContent.Generated g) || !g.mediaType().equals(OciMediaTypes.IMAGE_MANIFEST)) {
            return List.of();
        }
        for (Release r : releases(pkg)) {
            ReleaseArtifacts a = artifacts(pkg, r);
            if (a.componentDigest().matches(subject)) {
                return a.referrers();
            }
        }
        return List.of();
    }

    /** Every repository with at least one release, in lexical order. */
    public List<String> catalog() {
        TreeSet<String> repos = new TreeSet<>();
        queries.publishedPackages().forEach(p -> repos.add(OciNames.repository(p)));
        return new ArrayList<>(repos);
    }

    /** The package's releases, newest first; NAME_UNKNOWN when it does not exist. */
    private List<Release> releases(PackageName pkg) {
        return queries.releasesNewestFirst(requirePackage(pkg).id);
    }

    private PackageEntity requirePackage(PackageName pkg) {
        try {
            return queries.requirePackage(pkg);
        } catch (NotFound e) {
            throw new OciException(OciErrorCode.NAME_UNKNOWN, "repository " + OciNames.repository(pkg) + " is not known");
        }
    }
}
