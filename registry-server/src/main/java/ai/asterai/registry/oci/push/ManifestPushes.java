package ai.asterai.registry.oci.push;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciErrorCode;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.oci.OciNames;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.registry.blob.BlobLeases;
import ai.asterai.registry.blob.BlobStore;
import ai.asterai.registry.blob.BlobStoreException;
import ai.asterai.registry.config.RegistryConfig;
import ai.asterai.registry.failure.NotFound;
import ai.asterai.registry.failure.RegistryFailure;
import ai.asterai.registry.namespace.NamespaceService;
import ai.asterai.registry.oci.OciErrors;
import ai.asterai.registry.oci.OciException;
import ai.asterai.registry.oci.OciReference;
import ai.asterai.registry.oci.OciRegistry;
import ai.asterai.registry.oci.auth.OciPushConfig;
import ai.asterai.registry.oci.auth.OciRefusals;
import ai.asterai.registry.oci.auth.PushCaller;
import ai.asterai.registry.policy.ContentPolicy;
import ai.asterai.registry.release.PublishRequest;
import ai.asterai.registry.release.PublishService;
import ai.asterai.registry.release.Release;
import ai.asterai.registry.release.ReleaseQueries;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Manifest PUT (docs/oci.md "Push"). Only the asterai layout is accepted: a component manifest (CNCF
 * Wasm layout, tagged with its SemVer version), or a WIT or signature referrer whose subject is one.
 * A component manifest stays pending and invisible until its signature referrer arrives; that
 * referrer's layers (signed release manifest, WIT, signature bundle) with the component's wasm layer
 * then go through {@link PublishService}, exactly the checks of a {@code /v1} publish, and the pushed
 * bytes become the release's manifests, served by tag and digest.
 */
@ApplicationScoped
public class ManifestPushes {
    private static final Logger LOG = Logger.getLogger(ManifestPushes.class);
    /** The largest manifest accepted, as the distribution spec suggests. */
    public static final int MAX_MANIFEST = 4 * 1024 * 1024;
    static final String COMPONENT = "component";
    static final String WIT = "wit";
    static final String SIGNATURE = "signature";

    private final ManifestStore store;
    private final BlobStore blobs;
    private final BlobLeases leases;
    private final NamespaceService namespaces;
    private final ReleaseQueries queries;
    private final PublishService publisher;
    private final OciRegistry registry;
    private final OciPushConfig config;
    private final RegistryConfig registryConfig;
    private final Clock clock;

    public ManifestPushes(ManifestStore store, BlobStore blobs, BlobLeases leases, NamespaceService namespaces, ReleaseQueries queries,
                          PublishService publisher, OciRegistry registry, OciPushConfig config, RegistryConfig registryConfig, Clock clock) {
        this.store = store;
        this.blobs = blobs;
        this.leases = leases;
        this.namespaces = namespaces;
        this.queries = queries;
        this.publisher = publisher;
        this.registry = registry;
        this.config = config;
        this.registryConfig = registryConfig;
        this.clock = clock;
    }

    /** What a PUT stored: the digest, the subject of a referrer (for {@code OCI-Subject}), and whether a release appeared. */
    public record Pushed(Digest digest, Digest subject, Long releaseId) {
    }

    public Pushed put(PushCaller caller, PackageName pkg, String reference, String contentType, InputStream body, long declaredLength) {
        String repository = OciNames.repository(pkg);
        String type = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (type.isEmpty()) {
            throw OciRefusals.of(OciErrorCode.MANIFEST_INVALID, 400, "Content-Type is required: " + OciMediaTypes.IMAGE_MANIFEST);
        }
        if (!type.equals(OciMediaTypes.IMAGE_MANIFEST)) {
            throw OciRefusals.of(OciErrorCode.UNSUPPORTED, 415, "manifests of type '" + PushInput.printable(type)
                    + "' are not accepted here; a release is pushed as " + OciMediaTypes.IMAGE_MANIFEST + " manifests (docs/oci.md)");
        }
        byte[] bytes = readBounded(body, declaredLength);
        Digest digest = Digest.of(bytes);
        String tag = null;
        if (reference != null && reference.indexOf(':') >= 0) {
            Digest named = OciReference.digest(reference, OciErrorCode.DIGEST_INVALID);
            if (!named.equals(digest)) {
                throw OciRefusals.of(OciErrorCode.DIGEST_INVALID, 400, "the manifest's digest is " + digest + ", not " + named);
            }
        } else if (!OciNames.isTag(reference)) {
            throw OciRefusals.of(OciErrorCode.MANIFEST_INVALID, 400, "'" + PushInput.printable(String.valueOf(reference))
                    + "' is neither a tag nor a digest");
        } else {
            tag = reference;
        }
        OciManifest m;
        try {
            m = OciManifest.parse(bytes);
        } catch (InvalidInputException e) {
            throw OciRefusals.of(OciErrorCode.MANIFEST_INVALID, 400, "manifest invalid: " + e.getMessage());
        }
        try {
            namespaces.require(pkg.namespace());
        } catch (NotFound e) {
            throw OciRefusals.of(OciErrorCode.NAME_UNKNOWN, 404, "namespace '" + pkg.namespace() + "' does not exist");
        }
        if (alreadyServed(pkg, digest, tag)) {
            return new Pushed(digest, m.subject() == null ? null : m.subject().digest(), null);
        }
        Optional<ManifestStore.Row> existing = QuarkusTransaction.requiringNew().call(() -> store.byDigest(repository, digest.toString()));
        if (existing.isPresent() && existing.get().releaseId() != null) {
            return new Pushed(digest, m.subject() == null ? null : m.subject().digest(), existing.get().releaseId());
        }
        String role = role(m);
        List<ManifestStore.BlobRef> refs = requireBlobs(m);
        return switch (role) {
            case COMPONENT -> component(pkg, repository, tag, type, bytes, digest, m, refs, existing);
            case WIT -> referrer(pkg, repository, tag, type, bytes, digest, m, refs, WIT, existing);
            default -> signature(caller, pkg, repository, tag, type, bytes, digest, m, refs, existing);
        };
    }

    /** Whether this repository already serves exactly these bytes (a re-push, e.g. a copy back from a layout). */
    private boolean alreadyServed(PackageName pkg, Digest digest, String tag) {
        try {
            var served = tag == null ? registry.manifest(pkg, new OciReference.Ref(null, digest)) : registry.manifest(pkg, new OciReference.Ref(tag, null));
            return served.digest().equals(digest);
        } catch (OciException e) {
            return false; // not served: a new push
        }
    }

    /** Which asterai artifact the manifest is, or MANIFEST_INVALID saying what the layout expects. */
    private static String role(OciManifest m) {
        String config = m.config().mediaType();
        if (m.subject() == null) {
            if (config.equals(OciMediaTypes.WASM_CONFIG) && (m.artifactType() == null || m.artifactType().equals(OciMediaTypes.WASM_CONFIG))) {
                if (m.layers().size() != 1 || !m.layers().get(0).mediaType().equals(OciMediaTypes.WASM_LAYER)) {
                    throw invalid("a component manifest has exactly one layer of type " + OciMediaTypes.WASM_LAYER);
                }
                return COMPONENT;
            }
            throw invalid("not an asterai artifact: a component manifest has config type " + OciMediaTypes.WASM_CONFIG
                    + " and one " + OciMediaTypes.WASM_LAYER + " layer; referrers have a subject (docs/oci.md)");
        }
        if (!m.subject().mediaType().equals(OciMediaTypes.IMAGE_MANIFEST)) {
            throw invalid("a referrer's subject must be an image manifest");
        }
        String artifact = m.artifactType() != null ? m.artifactType() : config;
        boolean emptyConfig = config.equals(OciMediaTypes.EMPTY_CONFIG) && m.config().digest().toString().equals(OciMediaTypes.EMPTY_DIGEST);
        if (artifact.equals(OciMediaTypes.WIT_ARTIFACT)) {
            if (!emptyConfig || m.layers().size() != 1 || !m.layers().get(0).mediaType().equals(OciMediaTypes.WIT_LAYER)) {
                throw invalid("a WIT referrer has the empty config and exactly one " + OciMediaTypes.WIT_LAYER + " layer");
            }
            return WIT;
        }
        if (artifact.equals(OciMediaTypes.SIGNATURE_ARTIFACT)) {
            List<String> types = m.layers().stream().map(OciDescriptor::mediaType).toList();
            if (!emptyConfig || !types.equals(List.of(OciMediaTypes.RELEASE_MANIFEST_LAYER, OciMediaTypes.WIT_LAYER, OciMediaTypes.SIGNATURE_LAYER))) {
                throw invalid("a signature referrer has the empty config and the layers " + OciMediaTypes.RELEASE_MANIFEST_LAYER + ", "
                        + OciMediaTypes.WIT_LAYER + ", " + OciMediaTypes.SIGNATURE_LAYER + ", in this order");
            }
            return SIGNATURE;
        }
        throw invalid("referrers of artifact type '" + PushInput.printable(artifact) + "' are not accepted; the known ones are "
                + OciMediaTypes.WIT_ARTIFACT + " and " + OciMediaTypes.SIGNATURE_ARTIFACT);
    }

    /** Every blob the manifest names must be stored with the size the descriptor says. */
    private List<ManifestStore.BlobRef> requireBlobs(OciManifest m) {
        List<OciDescriptor> all = new ArrayList<>();
        all.add(m.config());
        all.addAll(m.layers());
        List<ManifestStore.BlobRef> refs = new ArrayList<>();
        List<Digest> digests = new ArrayList<>();
        for (OciDescriptor d : all) {
            long size;
            try {
                size = blobs.size(d.digest());
            } catch (BlobStoreException e) {
                throw BlobUploads.unavailable(e);
            }
            if (size < 0) {
                throw OciRefusals.of(OciErrorCode.MANIFEST_BLOB_UNKNOWN, 400, "blob " + d.digest() + " (" + d.mediaType()
                        + ") is not in the registry; upload it before the manifest", Map.of());
            }
            if (size != d.size()) {
                throw invalid("blob " + d.digest() + " has " + size + " bytes, the descriptor says " + d.size());
            }
            if (refs.stream().noneMatch(r -> r.digest().equals(d.digest().toString()))) {
                refs.add(new ManifestStore.BlobRef(d.digest().toString(), d.mediaType(), size));
                digests.add(d.digest());
            }
        }
        // the collector keeps them while the manifest row (or this lease) exists
        leases.take(digests);
        return refs;
    }

    private Pushed component(PackageName pkg, String repository, String tag, String type, byte[] bytes, Digest digest, OciManifest m,
                             List<ManifestStore.BlobRef> refs, Optional<ManifestStore.Row> existing) {
        String versionText = m.annotations().get(OciMediaTypes.VERSION_ANNOTATION);
        if (tag == null) {
            if (versionText == null || !Version.isValid(versionText)) {
                throw invalid("a component manifest pushed by digest needs the annotation " + OciMediaTypes.VERSION_ANNOTATION
                        + " with its SemVer version; or push it by its version tag");
            }
            tag = OciNames.tag(Version.parse(versionText));
        }
        if (tag.equals(OciNames.LATEST)) {
            throw invalid("'latest' is kept by the registry (the newest non-yanked release); push the version tag");
        }
        Version version = OciNames.versionOf(tag);
        if (version == null) {
            throw invalid("tag '" + PushInput.printable(tag) + "' is not a SemVer version; a component manifest is tagged with its version"
                    + " (build metadata's '+' written '_')");
        }
        if (versionText != null && !versionText.equals(version.toString())) {
            throw invalid("tag " + tag + " disagrees with the annotation " + OciMediaTypes.VERSION_ANNOTATION + "=" + PushInput.printable(versionText));
        }
        String pkgText = m.annotations().get(OciMediaTypes.PACKAGE_ANNOTATION);
        if (pkgText != null && pkgText.length() > 200) {
            throw invalid("annotation " + OciMediaTypes.PACKAGE_ANNOTATION + " is too long");
        }
        try {
            Release r = queries.release(pkg, version);
            throw OciRefusals.of(OciErrorCode.DENIED, 409, "tag " + tag + " of " + repository + " is immutable: version " + r.version
                    + " is already released; push a new version");
        } catch (NotFound e) {
            // not released yet: the push may go on
        }
        if (existing.isPresent()) {
            return new Pushed(digest, null, null); // the same pending manifest again
        }
        String finalTag = tag;
        OffsetDateTime now = now();
        QuarkusTransaction.requiringNew().run(() -> {
            // the newest push of a pending version replaces the older one
            store.pendingTagged(repository, finalTag).stream().filter(r -> r.role().equals(COMPONENT)).forEach(r -> store.delete(r.id()));
            store.insert(new ManifestStore.Row(null, repository, digest.toString(), COMPONENT, type, m.artifactType(), null, finalTag,
                    bytes, null, now, now.plus(config.pendingExpiry())), refs);
        });
        LOG.infof("pushed component manifest %s@%s (%s), pending its signature referrer", repository, finalTag, digest);
        return new Pushed(digest, null, null);
    }

    private ManifestStore.Row subject(String repository, OciManifest m) {
        String subject = m.subject().digest().toString();
        return QuarkusTransaction.requiringNew().call(() -> store.byDigest(repository, subject))
                .filter(r -> r.role().equals(COMPONENT))
                .orElseThrow(() -> invalid("subject " + subject + " is not a component manifest pushed to " + repository
                        + "; push the component manifest first"));
    }

    private Pushed referrer(PackageName pkg, String repository, String tag, String type, byte[] bytes, Digest digest, OciManifest m,
                            List<ManifestStore.BlobRef> refs, String role, Optional<ManifestStore.Row> existing) {
        if (tag != null) {
            throw invalid("referrers are pushed by digest, not under a tag (tags here are versions)");
        }
        ManifestStore.Row subject = subject(repository, m);
        if (existing.isPresent()) {
            return new Pushed(digest, m.subject().digest(), null);
        }
        Long releaseId = subject.releaseId();
        if (releaseId != null) {
            Release r = queries.release(pkg, Version.parse(versionOf(subject)));
            if (!m.layers().get(0).digest().toString().equals(r.witDigest)) {
                throw invalid("the WIT layer " + m.layers().get(0).digest() + " is not the WIT of release " + r.version + " (" + r.witDigest + ")");
            }
        }
        OffsetDateTime now = now();
        QuarkusTransaction.requiringNew().run(() -> store.insert(new ManifestStore.Row(null, repository, digest.toString(), role, type,
                m.artifactType(), m.subject().digest().toString(), null, bytes, releaseId, now,
                releaseId != null ? null : now.plus(config.pendingExpiry())), refs));
        return new Pushed(digest, m.subject().digest(), releaseId);
    }

    private static String versionOf(ManifestStore.Row component) {
        return component.tag().replace('_', '+');
    }

    private Pushed signature(PushCaller caller, PackageName pkg, String repository, String tag, String type, byte[] bytes, Digest digest,
                             OciManifest m, List<ManifestStore.BlobRef> refs, Optional<ManifestStore.Row> existing) {
        if (tag != null) {
            throw invalid("referrers are pushed by digest, not under a tag (tags here are versions)");
        }
        ManifestStore.Row subject = subject(repository, m);
        if (subject.releaseId() != null) {
            throw OciRefusals.of(OciErrorCode.DENIED, 409, "the component manifest " + subject.digest() + " is already released with its signature");
        }
        OciManifest component = OciManifest.parse(subject.content());
        Digest wasmDigest = component.layers().get(0).digest();
        long wasmSize = component.layers().get(0).size();
        List<Path> files = new ArrayList<>();
        try {
            Path wasm = copy(wasmDigest, wasmSize, registryConfig.maxUploadSize().asLongValue(), "wasm", files);
            Path manifest = copy(m.layers().get(0).digest(), m.layers().get(0).size(), Manifest.MAX_BYTES, "release manifest", files);
            Path wit = copy(m.layers().get(1).digest(), m.layers().get(1).size(), ContentPolicy.MAX_WIT_BYTES, "WIT", files);
            Path sig = copy(m.layers().get(2).digest(), m.layers().get(2).size(), ContentPolicy.MAX_SIGNATURE_BYTES, "signature", files);
            Manifest signed;
            try {
                signed = Manifest.parse(Files.readAllBytes(manifest));
            } catch (InvalidInputException e) {
                throw invalid("the release manifest layer is not a release manifest: " + e.getMessage());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String expectedTag = OciNames.tag(signed.parsedVersion());
            if (!expectedTag.equals(subject.tag())) {
                throw invalid("the signed release manifest is version " + signed.version() + " but the component manifest was pushed as " + subject.tag());
            }
            String pkgAnnotation = component.annotations().get(OciMediaTypes.PACKAGE_ANNOTATION);
            if (pkgAnnotation != null && !pkgAnnotation.equals(pkg.toString())) {
                throw invalid("the component manifest names package " + PushInput.printable(pkgAnnotation) + ", not " + pkg
                        + " (annotation " + OciMediaTypes.PACKAGE_ANNOTATION + ")");
            }
            Release r;
            try {
                r = publisher.publish(caller.caller(), new PublishRequest(pkg.namespace(), pkg.name(), wasm, wit, manifest, sig));
            } catch (InvalidInputException e) {
                throw invalid("the signature referrer does not verify as a release: " + e.getMessage());
            } catch (RegistryFailure e) {
                throw OciErrors.translate(e, OciErrorCode.NAME_UNKNOWN);
            }
            OffsetDateTime now = now();
            QuarkusTransaction.requiringNew().run(() -> {
                store.markReleased(subject.id(), r.id);
                if (existing.isPresent()) {
                    store.markReleased(existing.get().id(), r.id);
                } else {
                    store.insert(new ManifestStore.Row(null, repository, digest.toString(), SIGNATURE, type, m.artifactType(),
                            subject.digest(), null, bytes, r.id, now, null), refs);
                }
                // WIT referrers pushed while pending: kept when they carry the release's WIT
                for (ManifestStore.Row other : store.bySubject(repository, subject.digest())) {
                    if (other.role().equals(WIT) && other.releaseId() == null) {
                        OciManifest wm = OciManifest.parse(other.content());
                        if (wm.layers().get(0).digest().toString().equals(r.witDigest)) {
                            store.markReleased(other.id(), r.id);
                        } else {
                            store.delete(other.id());
                        }
                    }
                }
            });
            LOG.infof("signature referrer %s verified: %s@%s released from its OCI push", digest, repository, r.version);
            return new Pushed(digest, m.subject().digest(), r.id);
        } finally {
            files.forEach(ManifestPushes::delete);
        }
    }

    /** A stored blob copied to a temporary file, at most {@code max} bytes (the limit of that part on /v1). */
    private Path copy(Digest digest, long size, long max, String what, List<Path> files) {
        if (size > max) {
            throw invalid("the " + what + " layer has " + size + " bytes, more than the " + max + " a release allows");
        }
        try {
            Path tmp = Files.createTempFile("oci-release", ".part");
            files.add(tmp);
            try (InputStream in = blobs.open(digest, 0, size); OutputStream out = Files.newOutputStream(tmp)) {
                if (in == null) {
                    throw OciRefusals.of(OciErrorCode.MANIFEST_BLOB_UNKNOWN, 400, "the " + what + " blob " + digest + " is no longer stored; upload it again");
                }
                in.transferTo(out);
            }
            return tmp;
        } catch (BlobStoreException e) {
            throw BlobUploads.unavailable(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes pending manifests past their time; returns how many. */
    public long clean() {
        OffsetDateTime now = now();
        return QuarkusTransaction.requiringNew().call(() -> store.removeExpired(now));
    }

    private static byte[] readBounded(InputStream body, long declaredLength) {
        if (declaredLength > MAX_MANIFEST) {
            throw tooLarge();
        }
        try {
            byte[] bytes = body == null ? new byte[0] : body.readNBytes(MAX_MANIFEST + 1);
            if (bytes.length > MAX_MANIFEST) {
                throw tooLarge();
            }
            return bytes;
        } catch (IOException e) {
            throw OciRefusals.of(OciErrorCode.MANIFEST_INVALID, 400, "the request body was cut short or unreadable");
        }
    }

    private static OciException tooLarge() {
        return OciRefusals.of(OciErrorCode.SIZE_INVALID, 413, "a manifest may have at most " + MAX_MANIFEST + " bytes", Map.of("Connection", "close"));
    }

    static OciException invalid(String message) {
        return OciRefusals.of(OciErrorCode.MANIFEST_INVALID, 400, message);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    private static void delete(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            LOG.warnf("could not delete temporary file %s: %s", p, e.getMessage());
        }
    }

    static String utf8(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
