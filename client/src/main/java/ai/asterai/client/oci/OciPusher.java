package ai.asterai.client.oci;

import ai.asterai.client.failure.OciRegistryException;
import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.component.ComponentDecoder;
import ai.asterai.protocol.component.ComponentWorld;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.oci.OciMediaTypes;
import ai.asterai.protocol.release.Manifest;
import ai.asterai.protocol.wit.model.WorldItem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Pushes a signed release to any OCI registry in the layout of {@link OciMediaTypes}: the blobs, the
 * component manifest tagged with the version (and only that tag), then the WIT and signature
 * referrers by digest. When the registry does not answer a referrer's {@code PUT} with
 * {@code OCI-Subject} (it has no referrers API), the referrer is also listed in the spec's fallback
 * index under the tag {@code sha256-<hex of the component manifest>}. A version tag that already
 * names other bytes is refused (versions are immutable); pushing the same release again is a no-op.
 */
public final class OciPusher {
    /** Blobs larger than this are sent in chunks ({@code PATCH}), smaller ones in one {@code PUT}. */
    public static final int DEFAULT_CHUNK = 8 * 1024 * 1024;
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

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
        if (target.tag() == null || !target.tag().equals(release.manifest().version().replace('+', '_'))) {
            throw new InvalidInputException("reference", "push to a tag equal to the release's version (" + target.withTag(
                    release.manifest().version().replace('+', '_')) + "), not " + target);
        }
        if (release.wasm() == null) {
            throw new InvalidInputException("reference", "only components travel as OCI artifacts: "
                    + release.manifest().name() + " is an interface package");
        }
        String repo = target.repository();
        byte[] config = config(release.wasm());
        OciJson.Descriptor wasmD = new OciJson.Descriptor(OciMediaTypes.WASM_LAYER, Digest.of(release.wasm()), release.wasm().length, null, null);
        OciJson.Descriptor configD = OciJson.Descriptor.of(OciMediaTypes.WASM_CONFIG, config);
        byte[] component = OciJson.write(new OciJson.Manifest(OciMediaTypes.IMAGE_MANIFEST, null, configD, List.of(wasmD), null,
                Map.of(OciMediaTypes.VERSION_ANNOTATION, release.manifest().version(),
                        OciMediaTypes.PACKAGE_ANNOTATION, release.manifest().name())));
        Digest componentDigest = Digest.of(component);
        OciJson.Descriptor subject = new OciJson.Descriptor(OciMediaTypes.IMAGE_MANIFEST, componentDigest, component.length, null, null);

        OciJson.Descriptor emptyD = OciJson.Descriptor.of(OciMediaTypes.EMPTY_CONFIG, EMPTY_CONFIG);
        OciJson.Descriptor witD = OciJson.Descriptor.of(OciMediaTypes.WIT_LAYER, release.wit());
        byte[] witReferrer = OciJson.write(new OciJson.Manifest(OciMediaTypes.IMAGE_MANIFEST, OciMediaTypes.WIT_ARTIFACT, emptyD,
                List.of(witD), subject, null));
        byte[] sigReferrer = OciJson.write(new OciJson.Manifest(OciMediaTypes.IMAGE_MANIFEST, OciMediaTypes.SIGNATURE_ARTIFACT, emptyD,
                List.of(OciJson.Descriptor.of(OciMediaTypes.RELEASE_MANIFEST_LAYER, release.manifestJson()), witD,
                        OciJson.Descriptor.of(OciMediaTypes.SIGNATURE_LAYER, release.signature())), subject, null));

        Optional<OciClient.Fetched> existing = client.manifest(repo, target.tag(), OciMediaTypes.IMAGE_MANIFEST, OciMediaTypes.IMAGE_INDEX);
        boolean already = existing.isPresent() && existing.get().digest().matches(componentDigest);
        if (existing.isPresent() && !already) {
            throw new OciRegistryException(409, "TAG_IMMUTABLE", target + " already names other bytes ("
                    + existing.get().digest() + "): versions are immutable; raise 'version' in asterai.toml and publish again",
                    target.toString(), target.authority());
        }
        for (byte[] blob : List.of(release.wasm(), config, EMPTY_CONFIG, release.wit(), release.manifestJson(), release.signature())) {
            client.pushBlob(repo, blob, chunkSize);
        }
        if (!already) {
            client.putManifest(repo, target.tag(), OciMediaTypes.IMAGE_MANIFEST, component);
        }
        List<OciJson.Descriptor> unprocessed = new ArrayList<>();
        for (var r : List.of(Map.entry(OciMediaTypes.WIT_ARTIFACT, witReferrer), Map.entry(OciMediaTypes.SIGNATURE_ARTIFACT, sigReferrer))) {
            Digest d = Digest.of(r.getValue());
            OciClient.Pushed pushed = client.putManifest(repo, d.toString(), OciMediaTypes.IMAGE_MANIFEST, r.getValue());
            if (!pushed.subjectProcessed()) {
                unprocessed.add(new OciJson.Descriptor(OciMediaTypes.IMAGE_MANIFEST, d, r.getValue().length, r.getKey(), null));
            }
        }
        if (!unprocessed.isEmpty()) {
            updateFallbackIndex(repo, componentDigest, unprocessed);
        }
        return new Result(target, componentDigest, wasmD.digest(), Digest.of(witReferrer), Digest.of(sigReferrer),
                !unprocessed.isEmpty(), already);
    }

    /** Adds the referrers to the {@code sha256-<hex>} index, keeping what other clients listed there. */
    private void updateFallbackIndex(String repo, Digest subject, List<OciJson.Descriptor> referrers) {
        String tag = OciClient.fallbackTag(subject);
        List<OciJson.Descriptor> listed = new ArrayList<>();
        client.manifest(repo, tag, OciMediaTypes.IMAGE_INDEX).ifPresent(f -> {
            try {
                listed.addAll(OciJson.parseIndex(f.bytes()).manifests());
            } catch (InvalidInputException e) {
                // the spec's fallback tag holds an index; anything else there is replaced by one
            }
        });
        for (OciJson.Descriptor r : referrers) {
            if (listed.stream().noneMatch(d -> d.digest().matches(r.digest()))) {
                listed.add(r);
            }
        }
        client.putManifest(repo, tag, OciMediaTypes.IMAGE_INDEX, OciJson.write(new OciJson.Index(listed)));
    }

    /**
     * The CNCF Wasm config: architecture {@code wasm}, os {@code wasip2}, the layer's digest and the
     * component's imports and exports as its binary declares them (empty for a core module).
     * Deterministic: the same wasm always gives the same config bytes.
     */
    static byte[] config(byte[] wasm) {
        List<String> imports = List.of();
        List<String> exports = List.of();
        boolean component = wasm.length >= 8 && wasm[4] != 1;
        if (component) {
            try {
                ComponentWorld w = ComponentWorld.of(ComponentDecoder.decode(wasm));
                imports = w.world().imports().stream().map(WorldItem::key).toList();
                exports = w.world().exports().stream().map(WorldItem::key).toList();
            } catch (InvalidInputException e) {
                // publish checked the binary; a component the decoder cannot read still travels, without a world
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode o = json.createObjectNode();
        o.put("architecture", "wasm");
        o.put("os", "wasip2");
        o.putArray("layerDigests").add(Digest.of(wasm).toString());
        ObjectNode c = o.putObject("component");
        var im = c.putArray("imports");
        imports.forEach(im::add);
        var ex = c.putArray("exports");
        exports.forEach(ex::add);
        try {
            return json.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the Wasm config", e);
        }
    }
}
