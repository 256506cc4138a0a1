package ai.asterai.protocol.oci;

import ai.asterai.protocol.crypto.Digest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI image manifest ({@link OciMediaTypes#IMAGE_MANIFEST}, schema version 2). {@link #toJson()}
 * writes it canonically (fixed field order, sorted annotations, no whitespace), so equal manifests
 * have equal digests wherever they are written; {@link #parse(byte[])} reads one strictly and within
 * bounds (docs/oci.md).
 */
public record OciManifest(String artifactType, OciDescriptor config, List<OciDescriptor> layers, OciDescriptor subject,
                          Map<String, String> annotations) {
    public OciManifest {
        if (artifactType != null) {
            OciJson.requireMediaType("artifactType", artifactType);
        }
        if (config == null) {
            throw OciJson.invalid("config", "a manifest needs a config descriptor");
        }
        layers = layers == null ? List.of() : List.copyOf(layers);
        if (layers.size() > OciJson.MAX_ITEMS) {
            throw OciJson.invalid("layers", "a manifest has at most " + OciJson.MAX_ITEMS + " layers");
        }
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** The canonical bytes: what is served and hashed. */
    public byte[] toJson() {
        return OciJson.write(this);
    }

    /** The digest of {@link #toJson()}. */
    public Digest digest() {
        return Digest.of(toJson());
    }

    /** Reads a manifest of at most {@link OciJson#MAX_DOCUMENT} bytes; an {@code InvalidInputException} names what is wrong. */
    public static OciManifest parse(byte[] json) {
        return OciJson.readManifest(json);
    }
}
