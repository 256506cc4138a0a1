package ai.asterai.protocol.oci;

import ai.asterai.protocol.crypto.Digest;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI image index ({@link OciMediaTypes#IMAGE_INDEX}): the referrers API answers with one. Written
 * canonically and read strictly, as {@link OciManifest}.
 */
public record OciIndex(String artifactType, List<OciDescriptor> manifests, Map<String, String> annotations) {
    public OciIndex {
        if (artifactType != null) {
            OciJson.requireMediaType("artifactType", artifactType);
        }
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        if (manifests.size() > OciJson.MAX_ITEMS) {
            throw OciJson.invalid("manifests", "an index has at most " + OciJson.MAX_ITEMS + " manifests");
        }
        annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public OciIndex(List<OciDescriptor> manifests) {
        this(null, manifests, Map.of());
    }

    public byte[] toJson() {
        return OciJson.write(this);
    }

    public Digest digest() {
        return Digest.of(toJson());
    }

    public static OciIndex parse(byte[] json) {
        return OciJson.readIndex(json);
    }
}
