package ai.asterai.registry.web;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.release.Permissions;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.blob.BlobStoreException;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.namespace.NamespaceKey;
import ai.asterai.registry.namespace.NamespaceService;
import ai.asterai.registry.release.PackageEntity;
import ai.asterai.registry.release.Release;
import ai.asterai.registry.release.ReleaseQueries;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Assembles the package page from the package, its releases, the signer's key and the WIT blob. */
@ApplicationScoped
public class PackagePages {
    private static final Logger LOG = Logger.getLogger(PackagePages.class);
    private final ReleaseQueries queries;
    private final NamespaceService namespaces;
    private final BlobStore blobs;

    public PackagePages(ReleaseQueries queries, NamespaceService namespaces, BlobStore blobs) {
        this.queries = queries;
        this.namespaces = namespaces;
        this.blobs = blobs;
    }

    /** {@code version} null shows the latest release (the newest one when every release is yanked). */
    public PackagePage page(PackageName pkg, String version) {
        PackageEntity p = queries.requirePackage(pkg);
        List<Release> releases = queries.releasesNewestFirst(p.id);
        if (releases.isEmpty()) {
            throw new NotFound("package '" + pkg + "' has no releases");
        }
        String latest = queries.packageView(pkg).latest();
        Release selected = version == null
                ? releases.stream().filter(r -> r.version.equals(latest)).findFirst().orElse(releases.get(0))
                : queries.release(pkg, Version.parse(version));
        Manifest m = Manifest.parseStored(selected.manifestJson);
        NamespaceKey key = namespaces.key(namespaces.require(pkg.namespace()), selected.keyId);
        ReleaseQueries.Interfaces wit = queries.interfaces(selected.id);
        List<PackagePage.Part> parts = new ArrayList<>();
        if (selected.wasmDigest != null) {
            parts.add(new PackagePage.Part("wasm", selected.wasmDigest, selected.wasmSize));
        }
        parts.add(new PackagePage.Part("wit", selected.witDigest, selected.witSize));
        parts.add(new PackagePage.Part("manifest", selected.manifestDigest, selected.manifestSize));
        Optional<String> witText = witText(selected);
        return new PackagePage(pkg.namespace(), pkg.name(), pkg.toString(), p.kind, m.description(), selected.version,
                selected.version.equals(latest), selected.yanked, selected.publishedAt, latest,
                "asterai pull " + pkg + "@" + selected.version, m.license(), m.world(), m.keywords(), queries.packageDownloads(p.id),
                selected.downloads,
                releases.stream().map(r -> new PackagePage.VersionRow(r.version, r.yanked, r == selected, r.publishedAt, r.downloads)).toList(),
                wit.exports(), wit.imports(),
                permissions(m.permissions()),
                new PackagePage.Signer(selected.keyId, key == null ? null : key.label, key != null && key.active(),
                        key == null ? null : key.revokedAt, selected.signature),
                parts, witText.map(WitHighlighter::spans).orElse(List.of()), witText.isPresent());
    }

    /** The WIT text; empty when the object store cannot give it now (the page still renders). */
    private Optional<String> witText(Release r) {
        try (InputStream in = blobs.open(Digest.parse(r.witDigest), 0, -1)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException | BlobStoreException | RuntimeException e) {
            LOG.warnf("WIT of release %d not available for its page: %s", r.id, e.getMessage());
            return Optional.empty();
        }
    }

    static List<PackagePage.Permission> permissions(Permissions p) {
        List<PackagePage.Permission> out = new ArrayList<>();
        p.files().forEach(f -> out.add(new PackagePage.Permission("Files", f.guest() + (f.readOnly() ? " (read-only)" : " (read-write)"))));
        p.hosts().forEach(h -> out.add(new PackagePage.Permission("Network", h)));
        p.env().forEach(e -> out.add(new PackagePage.Permission("Environment", e)));
        p.components().forEach(c -> out.add(new PackagePage.Permission("Components", c)));
        if (p.memory() != null) {
            out.add(new PackagePage.Permission("Memory", String.format(Locale.ROOT, "up to %s", Formats.bytes(p.memory()))));
        }
        if (p.timeMs() != null) {
            out.add(new PackagePage.Permission("Time", String.format(Locale.ROOT, "up to %,d ms per call", p.timeMs())));
        }
        return out;
    }
}
