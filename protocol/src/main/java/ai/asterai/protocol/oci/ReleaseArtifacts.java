package ai.asterai.protocol.oci;

import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.release.PackageKind;
import ai.asterai.protocol.release.SignatureBundle;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The OCI artifacts of one release (docs/oci.md, "Mapping"), built deterministically from facts that
 * never change once a version is published: the same release yields the same bytes, hence the same
 * digests, on every replica and in every client that builds them. Nothing here reads a clock.
 *
 * <p>A component release is an image manifest in the CNCF Wasm layout (config {@link WasmConfig}, one
 * {@code application/wasm} layer). An interface release (WIT alone, no wasm) is an image manifest with
 * artifact type {@link OciMediaTypes#WIT_ARTIFACT}, the empty config and the WIT as its one layer. Both
 * have the two referrers {@link OciMediaTypes} describes.
 */
public record ReleaseArtifacts(Facts facts, byte[] config, OciManifest component, byte[] componentJson,
                               OciManifest witReferrer, byte[] witReferrerJson,
                               OciManifest signatureReferrer, byte[] signatureReferrerJson, byte[] signatureBundle) {
    /** The two bytes of the empty config ({@link OciMediaTypes#EMPTY_DIGEST}). */
    public static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    public static final String CREATED_ANNOTATION = "org.opencontainers.image.created";
    /** A layer's file name: what {@code oras pull} writes it as (the names a {@code /v1} publish uses for its parts). */
    public static final String TITLE_ANNOTATION = "org.opencontainers.image.title";

    /**
     * What a release's artifacts are built from. {@code wasm} is null for an interface release;
     * {@code exports} and {@code imports} are the WIT interfaces its world exports and imports
     * (order does not matter: they are written sorted).
     */
    public record Facts(PackageName pkg, Version version, PackageKind kind, Instant publishedAt,
                        Digest wasm, long wasmSize, Digest wit, long witSize, Digest manifest, long manifestSize,
                        SignatureBundle signature, List<String> exports, List<String> imports) {
        public Facts {
            if (pkg == null || version == null || kind == null || publishedAt == null || wit == null || manifest == null
                    || signature == null) {
                throw new IllegalArgumentException("a release's facts are all required (wasm only for a component)");
            }
            if ((kind == PackageKind.COMPONENT) != (wasm != null)) {
                throw new IllegalArgumentException("a component has wasm and an interface has none");
            }
            exports = exports == null ? List.of() : List.copyOf(new TreeSet<>(exports));
            imports = imports == null ? List.of() : List.copyOf(new TreeSet<>(imports));
        }
    }

    public static ReleaseArtifacts build(Facts f) {
        String created = DateTimeFormatter.ISO_INSTANT.format(f.publishedAt().truncatedTo(ChronoUnit.SECONDS));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(OciMediaTypes.PACKAGE_ANNOTATION, f.pkg().toString());
        annotations.put(OciMediaTypes.VERSION_ANNOTATION, f.version().toString());
        annotations.put(CREATED_ANNOTATION, created);

        OciDescriptor witLayer = new OciDescriptor(OciMediaTypes.WIT_LAYER, f.wit(), f.witSize(), null, title("package.wit"));
        OciDescriptor empty = new OciDescriptor(OciMediaTypes.EMPTY_CONFIG, Digest.parse(OciMediaTypes.EMPTY_DIGEST), EMPTY_CONFIG.length);
        byte[] config = null;
        OciManifest component;
        if (f.kind() == PackageKind.COMPONENT) {
            OciDescriptor wasmLayer = new OciDescriptor(OciMediaTypes.WASM_LAYER, f.wasm(), f.wasmSize(), null,
                    title(f.pkg().name() + ".wasm"));
            config = new WasmConfig(created, null, WasmConfig.ARCHITECTURE, WasmConfig.COMPONENT_OS, List.of(f.wasm()),
                    new WasmConfig.Component(f.exports(), f.imports(), null)).toJson();
            component = new OciManifest(null, OciDescriptor.of(OciMediaTypes.WASM_CONFIG, config), List.of(wasmLayer), null, annotations);
        } else {
            component = new OciManifest(OciMediaTypes.WIT_ARTIFACT, empty, List.of(witLayer), null, annotations);
        }
        byte[] componentJson = component.toJson();
        OciDescriptor subject = new OciDescriptor(OciMediaTypes.IMAGE_MANIFEST, Digest.of(componentJson), componentJson.length);

        OciManifest wit = new OciManifest(OciMediaTypes.WIT_ARTIFACT, empty, List.of(witLayer), subject, annotations);
        byte[] bundle = f.signature().toJson();
        List<OciDescriptor> signatureLayers = new ArrayList<>();
        signatureLayers.add(new OciDescriptor(OciMediaTypes.RELEASE_MANIFEST_LAYER, f.manifest(), f.manifestSize(), null,
                title("manifest.json")));
        signatureLayers.add(witLayer);
        signatureLayers.add(new OciDescriptor(OciMediaTypes.SIGNATURE_LAYER, Digest.of(bundle), bundle.length, null, title("signature.json")));
        OciManifest signature = new OciManifest(OciMediaTypes.SIGNATURE_ARTIFACT, empty, signatureLayers, subject, annotations);
        return new ReleaseArtifacts(f, config, component, componentJson, wit, wit.toJson(), signature, signature.toJson(), bundle);
    }

    private static Map<String, String> title(String fileName) {
        return Map.of(TITLE_ANNOTATION, fileName);
    }

    public Digest componentDigest() {
        return Digest.of(componentJson);
    }

    /** The referrers of the component manifest, as the referrers API lists them (artifact type and annotations copied). */
    public List<OciDescriptor> referrers() {
        return List.of(referrer(witReferrer, witReferrerJson), referrer(signatureReferrer, signatureReferrerJson));
    }

    private static OciDescriptor referrer(OciManifest m, byte[] json) {
        return new OciDescriptor(OciMediaTypes.IMAGE_MANIFEST, Digest.of(json), json.length, m.artifactType(), m.annotations());
    }

    /** The manifest with this digest among the three, or null. */
    public byte[] manifest(Digest digest) {
        for (byte[] m : List.of(componentJson, witReferrerJson, signatureReferrerJson)) {
            if (Digest.of(m).matches(digest)) {
                return m;
            }
        }
        return null;
    }

    /** A blob that exists only as generated bytes (the config, the signature bundle, the empty config), or null. */
    public byte[] generatedBlob(Digest digest) {
        if (config != null && Digest.of(config).matches(digest)) {
            return config;
        }
        if (Digest.of(signatureBundle).matches(digest)) {
            return signatureBundle;
        }
        if (digest.toString().equals(OciMediaTypes.EMPTY_DIGEST)) {
            return EMPTY_CONFIG;
        }
        return null;
    }
}
