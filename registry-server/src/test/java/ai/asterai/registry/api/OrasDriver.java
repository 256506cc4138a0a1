package ai.asterai.registry.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import land.oras.ArtifactType;
import land.oras.Config;
import land.oras.ContainerRef;
import land.oras.Layer;
import land.oras.Manifest;
import land.oras.Registry;
import land.oras.Subject;

/**
 * Drives the oras Java SDK for {@link OciPushInteropTest}. It runs in a class loader of its own (the SDK
 * needs a newer jackson-annotations than the application), so it speaks only JDK types.
 */
public final class OrasDriver {
    /** Set by us, so oras does not stamp the time into the manifest as it pushes (its bytes stay the ones we hash). */
    private static final String CREATED = "org.opencontainers.image.created";
    private static final String IMAGE_MANIFEST = "application/vnd.oci.image.manifest.v1+json";

    private OrasDriver() {
    }

    /**
     * Pushes a signed release: blobs, the component manifest under {@code tag}, then the signature referrer
     * by digest. Returns the component manifest's digest as pushed and as oras reads it back by tag.
     */
    public static Object[] pushRelease(String reference, String user, String password, byte[] wasm, byte[] config, String version,
                                       byte[] releaseManifest, byte[] wit, byte[] signature) throws Exception {
        Registry registry = Registry.builder().defaults(user, password).withInsecure(true).build();
        ContainerRef tagged = ContainerRef.parse(reference);
        Layer wasmBlob = registry.pushBlob(tagged, wasm);
        Layer configBlob = registry.pushBlob(tagged, config);
        Manifest component = Manifest.empty().withConfig(Config.fromBlob("application/vnd.wasm.config.v0+json", configBlob))
                .withLayers(List.of(Layer.fromDigest(wasmBlob.getDigest(), wasmBlob.getSize()).withMediaType("application/wasm")))
                .withAnnotations(Map.of("org.opencontainers.image.version", version, CREATED, "2026-01-01T00:00:00Z"));
        registry.pushManifest(tagged, component);
        byte[] componentJson = component.toJson().getBytes(StandardCharsets.UTF_8);

        registry.pushBlob(tagged, "{}".getBytes(StandardCharsets.UTF_8));
        List<Layer> layers = new ArrayList<>();
        layers.add(layer(registry, tagged, releaseManifest, "application/vnd.asterai.release.manifest.v1+json"));
        layers.add(layer(registry, tagged, wit, "application/vnd.asterai.wit.v1+text"));
        layers.add(layer(registry, tagged, signature, "application/vnd.asterai.release.signature.v1+json"));
        Manifest sig = Manifest.empty().withArtifactType(ArtifactType.from("application/vnd.asterai.release.signature.v1"))
                .withConfig(Config.empty()).withLayers(layers)
                .withSubject(Subject.of(IMAGE_MANIFEST, sha256(componentJson), componentJson.length))
                .withAnnotations(Map.of(CREATED, "2026-01-01T00:00:00Z"));
        registry.pushManifest(tagged.withDigest(sha256(sig.toJson().getBytes(StandardCharsets.UTF_8))), sig);

        Manifest read = registry.getManifest(tagged);
        return new Object[]{sha256(componentJson), read.getDescriptor().getDigest()};
    }

    private static Layer layer(Registry registry, ContainerRef ref, byte[] bytes, String mediaType) {
        Layer l = registry.pushBlob(ref, bytes);
        return Layer.fromDigest(l.getDigest(), l.getSize()).withMediaType(mediaType);
    }

    static String sha256(byte[] b) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
