package ai.asterai.protocol.oci;

import ai.asterai.protocol.crypto.Digest;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a manifest or an index points at. Annotations are kept sorted so
 * that writing one is deterministic; {@code artifactType} is null when absent.
 */
public record OciDescriptor(String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {
    public OciDescriptor {
        OciJson.requireMediaType("mediaType", mediaType);
        if (digest == null) {
            throw OciJson.invalid("digest", "a descriptor needs a digest");
        }
        if (size < 0) {
            throw OciJson.invalid("size", "a descriptor's size cannot be negative");
        }
        if (artifactType != null) {
            OciJson.requireMediaType("artifactType", artifactType);
        }
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public OciDescriptor(String mediaType, Digest digest, long size) {
        this(mediaType, digest, size, null, Map.of());
    }

    /** The descriptor of {@code bytes} as {@code mediaType}. */
    public static OciDescriptor of(String mediaType, byte[] bytes) {
        return new OciDescriptor(mediaType, Digest.of(bytes), bytes.length);
    }
}
