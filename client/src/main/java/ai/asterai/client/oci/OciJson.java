package ai.asterai.client.oci;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.json.StrictJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The OCI image-spec documents the client reads and writes: descriptors, image manifests and image
 * indexes. Reading is strict where it matters (UTF-8, one JSON object, no key twice, every field of
 * the right type, sha256 digests, sizes that are non-negative and lists that are bounded) and lenient
 * where the spec asks for it (unknown fields are ignored). Writing is canonical: fixed field order,
 * no whitespace, annotations sorted, so the same document always has the same digest.
 */
final class OciJson {
    static final int MAX_ENTRIES = 1000;
    private static final ObjectMapper READER = StrictJson.mapper();
    private static final ObjectMapper WRITER = new ObjectMapper();

    private OciJson() {
    }

    record Descriptor(String mediaType, Digest digest, long size, String artifactType, Map<String, String> annotations) {
        Descriptor {
            annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        }

        static Descriptor of(String mediaType, byte[] content) {
            return new Descriptor(mediaType, Digest.of(content), content.length, null, null);
        }
    }

    record Manifest(String mediaType, String artifactType, Descriptor config, List<Descriptor> layers, Descriptor subject,
                    Map<String, String> annotations) {
        Manifest {
            layers = List.copyOf(layers);
            annotations = annotations == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(annotations));
        }

        /** The artifact type as the referrers API reports it: {@code artifactType}, else the config's media type. */
        String effectiveArtifactType() {
            return artifactType != null ? artifactType : config.mediaType();
        }
    }

    record Index(List<Descriptor> manifests) {
        Index {
            manifests = List.copyOf(manifests);
        }
    }

    // --- reading

    static Manifest parseManifest(byte[] bytes) {
        JsonNode root = tree(bytes, "manifest");
        requireSchemaVersion(root, "manifest");
        String mediaType = optText(root, "mediaType", "manifest");
        if (mediaType != null && !mediaType.equals(ai.asterai.protocol.oci.OciMediaTypes.IMAGE_MANIFEST)) {
            throw new InvalidInputException("manifest", "manifest has media type '" + printable(mediaType) + "', not an OCI image manifest");
        }
        JsonNode config = root.get("config");
        JsonNode layers = root.get("layers");
        if (config == null || layers == null || !layers.isArray()) {
            throw new InvalidInputException("manifest", "manifest lacks config or layers");
        }
        List<Descriptor> ls = descriptors(layers, "manifest.layers");
        JsonNode subject = root.get("subject");
        return new Manifest(mediaType, optText(root, "artifactType", "manifest"), descriptor(config, "manifest.config"), ls,
                subject == null || subject.isNull() ? null : descriptor(subject, "manifest.subject"), annotations(root, "manifest"));
    }

    static Index parseIndex(byte[] bytes) {
        JsonNode root = tree(bytes, "index");
        requireSchemaVersion(root, "index");
        String mediaType = optText(root, "mediaType", "index");
        if (mediaType != null && !mediaType.equals(ai.asterai.protocol.oci.OciMediaTypes.IMAGE_INDEX)) {
            throw new InvalidInputException("index", "index has media type '" + printable(mediaType) + "', not an OCI image index");
        }
        JsonNode ms = root.get("manifests");
        if (ms == null || !ms.isArray()) {
            throw new InvalidInputException("index", "index lacks manifests");
        }
        return new Index(descriptors(ms, "index.manifests"));
    }

    private static JsonNode tree(byte[] bytes, String what) {
        try {
            JsonNode n = READER.readTree(StrictJson.utf8(bytes, what));
            if (n == null || !n.isObject()) {
                throw new InvalidInputException(what, what + " is not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw new InvalidInputException(what, what + " is not valid JSON");
        }
    }

    private static void requireSchemaVersion(JsonNode root, String what) {
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isInt() || v.intValue() != 2) {
            throw new InvalidInputException(what, what + " must have schemaVersion 2");
        }
    }

    private static List<Descriptor> descriptors(JsonNode array, String what) {
        if (array.size() > MAX_ENTRIES) {
            throw new InvalidInputException(what, what + " lists more than " + MAX_ENTRIES + " entries");
        }
        List<Descriptor> out = new ArrayList<>(array.size());
        for (JsonNode n : array) {
            out.add(descriptor(n, what));
        }
        return out;
    }

    static Descriptor descriptor(JsonNode n, String what) {
        if (!n.isObject()) {
            throw new InvalidInputException(what, what + " holds a descriptor that is not an object");
        }
        String mediaType = optText(n, "mediaType", what);
        String digest = optText(n, "digest", what);
        JsonNode size = n.get("size");
        if (mediaType == null || digest == null || size == null) {
            throw new InvalidInputException(what, what + " holds a descriptor without mediaType, digest or size");
        }
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new InvalidInputException(what, what + " holds a digest that is not sha256 in lowercase hex");
        }
        if (!size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw new InvalidInputException(what, what + " holds a descriptor with an invalid size");
        }
        return new Descriptor(mediaType, Digest.parse(digest), size.longValue(), optText(n, "artifactType", what), annotations(n, what));
    }

    private static Map<String, String> annotations(JsonNode n, String what) {
        JsonNode a = n.get("annotations");
        if (a == null || a.isNull()) {
            return null;
        }
        if (!a.isObject() || a.size() > MAX_ENTRIES) {
            throw new InvalidInputException(what, what + " has invalid annotations");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw new InvalidInputException(what, what + " has an annotation that is not a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static String optText(JsonNode n, String field, String what) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new InvalidInputException(what, what + "." + field + " is not a string");
        }
        return v.textValue();
    }

    static String printable(String s) {
        return ai.asterai.client.registry.RegistryClient.oneLine(s, 100);
    }

    // --- writing

    static byte[] write(Manifest m) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("schemaVersion", 2);
        o.put("mediaType", ai.asterai.protocol.oci.OciMediaTypes.IMAGE_MANIFEST);
        if (m.artifactType() != null) {
            o.put("artifactType", m.artifactType());
        }
        o.set("config", node(m.config()));
        ArrayNode layers = o.putArray("layers");
        m.layers().forEach(l -> layers.add(node(l)));
        if (m.subject() != null) {
            o.set("subject", node(m.subject()));
        }
        putAnnotations(o, m.annotations());
        return bytes(o);
    }

    static byte[] write(Index index) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("schemaVersion", 2);
        o.put("mediaType", ai.asterai.protocol.oci.OciMediaTypes.IMAGE_INDEX);
        ArrayNode ms = o.putArray("manifests");
        index.manifests().forEach(d -> ms.add(node(d)));
        return bytes(o);
    }

    private static ObjectNode node(Descriptor d) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("mediaType", d.mediaType());
        o.put("digest", d.digest().toString());
        o.put("size", d.size());
        if (d.artifactType() != null) {
            o.put("artifactType", d.artifactType());
        }
        putAnnotations(o, d.annotations());
        return o;
    }

    private static void putAnnotations(ObjectNode o, Map<String, String> annotations) {
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            new TreeMap<>(annotations).forEach(a::put);
        }
    }

    private static byte[] bytes(ObjectNode o) {
        try {
            return WRITER.writeValueAsBytes(o);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write OCI JSON", e);
        }
    }
}
