package ai.asterai.registry.release;

import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.namespace.Namespace;
import ai.asterai.registry.namespace.NamespaceService;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;

/** Reads packages and releases and shapes them for the API. */
@ApplicationScoped
public class ReleaseQueries {
    private final Event<PackageChanged> changed;
    private final ReleaseStore store;
    private final NamespaceService namespaces;

    public ReleaseQueries(Event<PackageChanged> changed, ReleaseStore store, NamespaceService namespaces) {
        this.changed = changed;
        this.store = store;
        this.namespaces = namespaces;
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Blob(String digest, long size) {
    }

    public record SignatureView(String keyId, String signature) {
    }

    /** Digest and size of each stored part; {@code wasm} is absent for an interface package. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parts(Blob wasm, Blob wit, Blob manifest) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionView(String name, String version, String kind, Parts parts, @JsonRawValue String manifest,
                              SignatureView signature, String witPackage, List<String> exports, List<String> imports,
                              OffsetDateTime publishedAt, boolean yanked, OffsetDateTime yankedAt, long downloads) {
    }

    public record VersionEntry(String version, boolean yanked, OffsetDateTime publishedAt) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PackageView(String name, String kind, String description, String latest, List<VersionEntry> versions,
                              OffsetDateTime createdAt, OffsetDateTime updatedAt) {
    }

    /** What a release exports and imports: written with the release, in its transaction, and never changed. */
    public record Interfaces(List<String> exports, List<String> imports) {
    }

    static final int MAX_REMEMBERED = 10_000;
    private final ImmutableFacts<PackageName, Long> packageIds = new ImmutableFacts<>(MAX_REMEMBERED);
    private final ImmutableFacts<Long, Interfaces> interfaces = new ImmutableFacts<>(MAX_REMEMBERED);

    private final ImmutableFacts<Long, String> manifests = new ImmutableFacts<>(MAX_REMEMBERED);

    /**
     * The manifest to embed in version metadata: canonical JSON (what a publish stores). A row stored
     * before manifests were read strictly (a BOM, UTF-16 read as UTF-8) is converted; one that cannot be
     * read is left out rather than breaking the metadata's JSON.
     */
    String manifestJson(Release r) {
        return manifests.get(r.id, id -> {
            try {
                return Manifest.parseStored(r.manifestJson).canonicalJson();
            } catch (RuntimeException e) {
                return null;
            }
        });
    }

    public Interfaces interfaces(long releaseId) {
        return interfaces.get(releaseId, id -> new Interfaces(store.interfaceItems(id, "export"), store.interfaceItems(id, "import")));
    }

    /** Every release of the package, newest version first. */
    public List<Release> releasesNewestFirst(long packageId) {
        return store.releasesOf(packageId).stream()
                .sorted(Comparator.comparing((Release r) -> Version.parse(r.version)).reversed()).toList();
    }

    /** The package's download total (counted since the last flush of the counters). */
    public long packageDownloads(long packageId) {
        return store.packageDownloads(packageId);
    }

    public PackageEntity requirePackage(PackageName pkg) {
        Namespace ns = namespaces.find(pkg.namespace());
        PackageEntity p = ns == null ? null : store.pkg(ns.id, pkg.name());
        if (p == null) {
            throw new NotFound("package '" + pkg + "' does not exist");
        }
        return p;
    }

    public Release release(PackageName pkg, Version version) {
        // a name's package id never changes: one query per lookup instead of three
        long packageId = packageIds.get(pkg, name -> requirePackage(name).id);
        Release r = store.release(packageId, version.withoutBuild().toString());
        if (r == null) {
            throw new NotFound("'" + pkg + "' has no version " + version);
        }
        return r;
    }

    public PackageView packageView(PackageName pkg) {
        PackageEntity p = requirePackage(pkg);
        List<Release> releases = releasesNewestFirst(p.id);
        String latest = latest(releases);
        return new PackageView(pkg.toString(), p.kind, p.description, latest,
                releases.stream().map(r -> new VersionEntry(r.version, r.yanked, r.publishedAt)).toList(), p.createdAt, p.updatedAt);
    }

    /** Every package with at least one release (the OCI catalog). */
    public List<PackageName> publishedPackages() {
        return store.publishedPackages();
    }

    /** The highest non-yanked version, preferring releases over pre-releases. */
    public static String latest(List<Release> newestFirst) {
        return newestFirst.stream().filter(r -> !r.yanked && !Version.parse(r.version).isPreRelease()).findFirst()
                .or(() -> newestFirst.stream().filter(r -> !r.yanked).findFirst())
                .map(r -> r.version).orElse(null);
    }

    public VersionView view(PackageName pkg, Release r) {
        Interfaces wit = interfaces(r.id);
        return new VersionView(pkg.toString(), r.version, r.kind,
                new Parts(r.wasmDigest == null ? null : new Blob(r.wasmDigest, r.wasmSize),
                        new Blob(r.witDigest, r.witSize), new Blob(r.manifestDigest, r.manifestSize)), manifestJson(r),
                new SignatureView(r.keyId, r.signature), r.witPackage, wit.exports(), wit.imports(),
                r.publishedAt, r.yanked, r.yankedAt, r.downloads);
    }

    public Release setYanked(PackageName pkg, Version version, boolean yanked) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Release r = release(pkg, version);
            if (r.yanked != yanked) {
                store.setYanked(r, yanked, OffsetDateTime.now(ZoneOffset.UTC));
                changed.fire(new PackageChanged(r.packageId));
            }
            return r;
        });
    }
}
