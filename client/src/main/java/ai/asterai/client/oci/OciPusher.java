package ai.asterai.client.oci;

import ai.asterai.client.failure.OciRegistryException;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.ComponentDecoder;
import ai.asterai.protocol.component.ComponentWorld;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.wit.model.WorldItem;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.oci.OciDescriptor;
import ai.asterai.protocol.oci.OciIndex;
import ai.asterai.protocol.oci.OciManifest;
import ai.asterai.protocol.oci.OciNames;
import ai.asterai.protocol.oci.ReleaseArtifacts;
import ai.asterai.protocol.oci.WasmConfig;
import ai.asterai.protocol.release.SignatureBundle;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pushes a signed release to any OCI registry in the layout of {@link OciMediaTypes}, built by the same
 * {@link ReleaseArtifacts} the asterai registry serves (its creation time is the push's): the blobs, the
 * component manifest tagged with the version (and only that tag), then the WIT and signature
 * referrers by digest. When the registry does not answer a referrer's {@code PUT} with
 * {@code OCI-Subject} (it has no referrers API), the referrer is also listed in the spec's fallback
 * index under the tag {@code sha256-<hex of the component manifest>}. A version tag that already
 * names another component is refused (versions are immutable); pushing the same wasm again is a no-op.
 */
public final class OciPusher {
    /** Blobs larger than this are sent in chunks ({@code PATCH}), smaller ones in one {@code PUT}. */
    public static final int DEFAULT_CHUNK = 8 * 1024 * 1024;
    private static final long MAX_CONFIG = 64 * 1024;

    private final OciClient client;
    private final int chunkSize;

    public OciPusher(OciClient client, int chunkSize) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.client = client;
        this.chunkSize = chunkSize;
    }

    /** The exact bytes {@code /v1} publish sends. */
    public record Release(Manifest manifest, byte[] manifestJson, byte[] wit, byte[] wasm, byte[] signature) {
    }

    /** What was pushed: the digests of the component manifest, of the wasm layer and of the two referrers. */
    public record Result(OciReference reference, Digest manifest, Digest wasm, Digest witReferrer, Digest signatureReferrer,
                         boolean fallbackIndex, boolean alreadyThere) {
    }

    public Result push(OciReference target, Release release) {
        Version version = release.manifest().parsedVersion();
        if (target.tag() == null || !target.tag().equals(OciNames.tag(version))) {
            throw new InvalidInputException("reference", "push to a tag equal to the release's version ("
                    + target.withTag(OciNames.tag(version)) + "), not " + target);
        }
        if (release.wasm() == null) {
            throw new InvalidInputException("reference", "only components travel as OCI artifacts here: "
                    + release.manifest().name() + " is an interface package");
        }
        String repo = target.repository();
        SignatureBundle bundle = SignatureBundle.parse(release.signature());
        List<List<String>> world = world(release.wasm());
        Optional<OciClient.Fetched> existing = client.manifest(repo, target.tag(), OciMediaTypes.IMAGE_MANIFEST, OciMediaTypes.IMAGE_INDEX);
        Instant created = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        if (existing.isPresent()) {
            // the same release pushed before (perhaps cut short): rebuild with that push's creation time,
            // so the manifest is byte for byte the same and the referrers are pushed again idempotently
            created = firstPush(repo, existing.get(), release).orElseThrow(() -> new OciRegistryException(409, "TAG_IMMUTABLE",
                    target + " already names other bytes (" + existing.get().digest() + "): versions are immutable; "
                            + "raise 'version' in asterai.toml and publish again", target.toString(), target.authority()));
        }
        ReleaseArtifacts a = ReleaseArtifacts.build(new ReleaseArtifacts.Facts(release.manifest().packageName(), version,
                release.manifest().packageKind(), created,
                Digest.of(release.wasm()), release.wasm().length, Digest.of(release.wit()), release.wit().length,
                Digest.of(release.manifestJson()), release.manifestJson().length, bundle, world.get(0), world.get(1)));
        Digest componentDigest = a.componentDigest();
        if (existing.isPresent() && !existing.get().digest().matches(componentDigest)) {
            throw new OciRegistryException(409, "TAG_IMMUTABLE", target + " already names another manifest of this release ("
                    + existing.get().digest() + ", not built by asterai); versions are immutable", target.toString(), target.authority());
        }
        for (byte[] blob : List.of(release.wasm(), a.config(), ReleaseArtifacts.EMPTY_CONFIG, release.wit(), release.manifestJson(),
                a.signatureBundle())) {
            client.pushBlob(repo, blob, chunkSize);
        }
        if (existing.isEmpty()) {
            client.putManifest(repo, target.tag(), OciMediaTypes.IMAGE_MANIFEST, a.componentJson());
        }
        List<OciDescriptor> unprocessed = new ArrayList<>();
        List<OciDescriptor> referrers = a.referrers();
        List<byte[]> bodies = List.of(a.witReferrerJson(), a.signatureReferrerJson());
        for (int i = 0; i < bodies.size(); i++) {
            OciClient.Pushed pushed = client.putManifest(repo, referrers.get(i).digest().toString(), OciMediaTypes.IMAGE_MANIFEST, bodies.get(i));
            if (!pushed.subjectProcessed()) {
                unprocessed.add(referrers.get(i));
            }
        }
        if (!unprocessed.isEmpty()) {
            updateFallbackIndex(repo, componentDigest, unprocessed);
        }
        return new Result(target, componentDigest, Digest.of(release.wasm()), referrers.get(0).digest(), referrers.get(1).digest(),
                !unprocessed.isEmpty(), existing.isPresent());
    }

    /** When the tag already holds this release's component manifest (same package, same wasm): its config's creation time. */
    private Optional<Instant> firstPush(String repo, OciClient.Fetched existing, Release release) {
        try {
            OciManifest m = OciManifest.parse(existing.bytes());
            if (m.layers().size() != 1 || !m.layers().get(0).digest().matches(Digest.of(release.wasm()))
                    || !release.manifest().name().equals(m.annotations().get(OciMediaTypes.PACKAGE_ANNOTATION))
                    || !OciMediaTypes.WASM_CONFIG.equals(m.config().mediaType())) {
                return Optional.empty();
            }
            WasmConfig config = WasmConfig.parse(client.smallBlob(repo, m.config(), MAX_CONFIG));
            return Optional.of(Instant.parse(config.created()));
        } catch (InvalidInputException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Adds the referrers to the {@code sha256-<hex>} index, keeping what other clients listed there. */
    private void updateFallbackIndex(String repo, Digest subject, List<OciDescriptor> referrers) {
        String tag = OciClient.fallbackTag(subject);
        List<OciDescriptor> listed = new ArrayList<>();
        client.manifest(repo, tag, OciMediaTypes.IMAGE_INDEX).ifPresent(f -> {
            try {
                listed.addAll(OciIndex.parse(f.bytes()).manifests());
            } catch (InvalidInputException e) {
                // the spec's fallback tag holds an index; anything else there is replaced by one
            }
        });
        for (OciDescriptor r : referrers) {
            if (listed.stream().noneMatch(d -> d.digest().matches(r.digest()))) {
                listed.add(r);
            }
        }
        client.putManifest(repo, tag, OciMediaTypes.IMAGE_INDEX, new OciIndex(listed).toJson());
    }

    /**
     * The component's exports and imports as its binary declares them (what the Wasm config lists);
     * empty for a core module, or when the decoder cannot read it (publish checked it already).
     */
    static List<List<String>> world(byte[] wasm) {
        boolean component = wasm.length >= 8 && wasm[4] != 1;
        if (component) {
            try {
                ComponentWorld w = ComponentWorld.of(ComponentDecoder.decode(wasm));
                return List.of(w.world().exports().stream().map(WorldItem::key).toList(),
                        w.world().imports().stream().map(WorldItem::key).toList());
            } catch (InvalidInputException e) {
                return List.of(List.of(), List.of());
            }
        }
        return List.of(List.of(), List.of());
    }
}
