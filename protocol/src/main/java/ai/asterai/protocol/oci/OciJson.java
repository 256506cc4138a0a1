package ai.asterai.protocol.oci;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.crypto.Digest;
import ai.asterai.protocol.json.StrictJson;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Canonical writing and strict reading of the OCI documents (docs/oci.md, "JSON"). Writing: fields in
 * the spec's order, optional fields left out when absent, annotations sorted by key, no whitespace;
 * the same value always gives the same bytes. Reading: at most {@link #MAX_DOCUMENT} bytes of strict
 * UTF-8 JSON ({@link StrictJson}: one value, no key twice), every known field of its JSON type,
 * digests {@code sha256:} only, at most {@link #MAX_ITEMS} layers, manifests or annotations; unknown
 * fields are ignored, as the OCI image spec requires of readers.
 */
final class OciJson {
    /** Largest manifest, index or config read: the size the distribution spec says registries accept. */
    static final int MAX_DOCUMENT = 4 * 1024 * 1024;
    static final int MAX_ITEMS = 1024;
    /** RFC 6838 type/subtype, without parameters (OCI media types have none). */
    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final ObjectMapper READER = StrictJson.mapper();

    private OciJson() {
    }

    static InvalidInputException invalid(String field, String message) {
        return new InvalidInputException(field, message);
    }

    static void requireMediaType(String field, String value) {
        if (value == null || !MEDIA_TYPE.matcher(value).matches()) {
            throw invalid(field, field + " must be a media type type/subtype, got '" + printable(value) + "'");
        }
    }

    private static String printable(String s) {
        return s == null ? "null" : ai.asterai.protocol.name.PackageName.printable(s);
    }

    // ------------------------------------------------------------------ writing

    private interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] bytes(Body body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return out.toByteArray();
    }

    static byte[] write(OciManifest m) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("mediaType", OciMediaTypes.IMAGE_MANIFEST);
            if (m.artifactType() != null) {
                g.writeStringField("artifactType", m.artifactType());
            }
            g.writeFieldName("config");
            descriptor(g, m.config());
            g.writeArrayFieldStart("layers");
            for (OciDescriptor d : m.layers()) {
                descriptor(g, d);
            }
            g.writeEndArray();
            if (m.subject() != null) {
                g.writeFieldName("subject");
                descriptor(g, m.subject());
            }
            annotations(g, m.annotations());
            g.writeEndObject();
        });
    }

    static byte[] write(OciIndex index) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeNumberField("schemaVersion", 2);
            g.writeStringField("mediaType", OciMediaTypes.IMAGE_INDEX);
            if (index.artifactType() != null) {
                g.writeStringField("artifactType", index.artifactType());
            }
            g.writeArrayFieldStart("manifests");
            for (OciDescriptor d : index.manifests()) {
                descriptor(g, d);
            }
            g.writeEndArray();
            annotations(g, index.annotations());
            g.writeEndObject();
        });
    }

    static byte[] write(WasmConfig c) {
        return bytes(g -> {
            g.writeStartObject();
            g.writeStringField("created", c.created());
            if (c.author() != null) {
                g.writeStringField("author", c.author());
            }
            g.writeStringField("architecture", c.architecture());
            g.writeStringField("os", c.os());
            g.writeArrayFieldStart("layerDigests");
            for (Digest d : c.layerDigests()) {
                g.writeString(d.toString());
            }
            g.writeEndArray();
            if (c.component() != null) {
                g.writeObjectFieldStart("component");
                strings(g, "exports", c.component().exports());
                strings(g, "imports", c.component().imports());
                if (c.component().target() != null) {
                    g.writeStringField("target", c.component().target());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        });
    }

    private static void strings(JsonGenerator g, String field, List<String> values) throws IOException {
        g.writeArrayFieldStart(field);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }

    private static void descriptor(JsonGenerator g, OciDescriptor d) throws IOException {
        g.writeStartObject();
        g.writeStringField("mediaType", d.mediaType());
        if (d.artifactType() != null) {
            g.writeStringField("artifactType", d.artifactType());
        }
        g.writeStringField("digest", d.digest().toString());
        g.writeNumberField("size", d.size());
        annotations(g, d.annotations());
        g.writeEndObject();
    }

    private static void annotations(JsonGenerator g, Map<String, String> annotations) throws IOException {
        if (annotations.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("annotations");
        for (Map.Entry<String, String> e : annotations.entrySet()) { // sorted: the records keep a TreeMap
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    // ------------------------------------------------------------------ reading

    private static JsonNode tree(byte[] json, String what) {
        if (json == null || json.length == 0) {
            throw invalid(what, what + " is empty");
        }
        if (json.length > MAX_DOCUMENT) {
            throw invalid(what, what + " is larger than " + MAX_DOCUMENT + " bytes");
        }
        JsonNode root;
        try {
            root = READER.readTree(StrictJson.utf8(json, what));
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage();
            throw invalid(what, what + (m.contains("Duplicate") ? " has a field twice" : " is not valid JSON"));
        }
        if (root == null || !root.isObject()) {
            throw invalid(what, what + " must be a JSON object");
        }
        return root;
    }

    static OciManifest readManifest(byte[] json) {
        JsonNode root = tree(json, "manifest");
        schemaVersion(root);
        String mediaType = optionalString(root, "mediaType");
        if (mediaType != null && !mediaType.equals(OciMediaTypes.IMAGE_MANIFEST)) {
            throw invalid("mediaType", "manifest mediaType must be " + OciMediaTypes.IMAGE_MANIFEST + ", got '" + printable(mediaType) + "'");
        }
        JsonNode config = root.get("config");
        if (config == null) {
            throw invalid("config", "a manifest needs a config descriptor");
        }
        JsonNode layers = root.get("layers");
        if (layers == null || !layers.isArray()) {
            throw invalid("layers", "a manifest needs a layers array");
        }
        JsonNode subject = root.get("subject");
        return new OciManifest(optionalString(root, "artifactType"), readDescriptor(config, "config"),
                descriptors(layers, "layers"), subject == null ? null : readDescriptor(subject, "subject"),
                readAnnotations(root, "annotations"));
    }

    static OciIndex readIndex(byte[] json) {
        JsonNode root = tree(json, "index");
        schemaVersion(root);
        String mediaType = optionalString(root, "mediaType");
        if (mediaType != null && !mediaType.equals(OciMediaTypes.IMAGE_INDEX)) {
            throw invalid("mediaType", "index mediaType must be " + OciMediaTypes.IMAGE_INDEX + ", got '" + printable(mediaType) + "'");
        }
        JsonNode manifests = root.get("manifests");
        if (manifests == null || !manifests.isArray()) {
            throw invalid("manifests", "an index needs a manifests array");
        }
        return new OciIndex(optionalString(root, "artifactType"), descriptors(manifests, "manifests"),
                readAnnotations(root, "annotations"));
    }

    static WasmConfig readConfig(byte[] json) {
        JsonNode root = tree(json, "config");
        JsonNode layerDigests = root.get("layerDigests");
        List<Digest> digests = new ArrayList<>();
        if (layerDigests != null) {
            for (JsonNode d : items(layerDigests, "layerDigests")) {
                digests.add(digest(d, "layerDigests"));
            }
        }
        WasmConfig.Component component = null;
        JsonNode c = root.get("component");
        if (c != null && !c.isNull()) {
            if (!c.isObject()) {
                throw invalid("component", "component must be an object");
            }
            component = new WasmConfig.Component(stringList(c, "exports"), stringList(c, "imports"), optionalString(c, "target"));
        }
        return new WasmConfig(requiredString(root, "created"), optionalString(root, "author"), requiredString(root, "architecture"),
                requiredString(root, "os"), digests, component);
    }

    private static void schemaVersion(JsonNode root) {
        JsonNode v = root.get("schemaVersion");
        if (v == null || !v.isIntegralNumber() || !v.canConvertToInt() || v.intValue() != 2) {
            throw invalid("schemaVersion", "schemaVersion must be the number 2");
        }
    }

    private static List<JsonNode> items(JsonNode array, String field) {
        if (!array.isArray()) {
            throw invalid(field, field + " must be an array");
        }
        if (array.size() > MAX_ITEMS) {
            throw invalid(field, field + " has more than " + MAX_ITEMS + " entries");
        }
        List<JsonNode> out = new ArrayList<>(array.size());
        array.forEach(out::add);
        return out;
    }

    private static List<OciDescriptor> descriptors(JsonNode array, String field) {
        List<OciDescriptor> out = new ArrayList<>();
        List<JsonNode> nodes = items(array, field);
        for (int i = 0; i < nodes.size(); i++) {
            out.add(readDescriptor(nodes.get(i), field + "[" + i + "]"));
        }
        return out;
    }

    private static OciDescriptor readDescriptor(JsonNode node, String field) {
        if (!node.isObject()) {
            throw invalid(field, field + " must be a descriptor object");
        }
        JsonNode size = node.get("size");
        if (size == null || !size.isIntegralNumber() || !size.canConvertToLong() || size.longValue() < 0) {
            throw invalid(field + ".size", field + ".size must be a non-negative integer");
        }
        JsonNode digest = node.get("digest");
        if (digest == null) {
            throw invalid(field + ".digest", field + " needs a digest");
        }
        try {
            return new OciDescriptor(requiredString(node, "mediaType"), digest(digest, field + ".digest"), size.longValue(),
                    optionalString(node, "artifactType"), readAnnotations(node, field + ".annotations"));
        } catch (InvalidInputException e) {
            throw e.field() != null && e.field().startsWith(field) ? e : invalid(field + "." + e.field(), field + ": " + e.getMessage());
        }
    }

    private static Digest digest(JsonNode node, String field) {
        if (!node.isTextual()) {
            throw invalid(field, field + " must be a string");
        }
        try {
            return Digest.parse(node.textValue());
        } catch (InvalidInputException e) {
            throw invalid(field, field + " must be sha256: followed by 64 lowercase hex digits, got '" + printable(node.textValue()) + "'");
        }
    }

    private static Map<String, String> readAnnotations(JsonNode parent, String field) {
        String name = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
        JsonNode a = parent.get(name);
        if (a == null || a.isNull()) {
            return Map.of();
        }
        if (!a.isObject()) {
            throw invalid(field, field + " must be an object of strings");
        }
        if (a.size() > MAX_ITEMS) {
            throw invalid(field, field + " has more than " + MAX_ITEMS + " entries");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = a.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual()) {
                throw invalid(field, field + "." + printable(e.getKey()) + " must be a string");
            }
            out.put(e.getKey(), e.getValue().textValue());
        }
        return out;
    }

    private static String requiredString(JsonNode parent, String field) {
        String s = optionalString(parent, field);
        if (s == null) {
            throw invalid(field, field + " is missing");
        }
        return s;
    }

    private static String optionalString(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw invalid(field, field + " must be a string");
        }
        return n.textValue();
    }

    private static List<String> stringList(JsonNode parent, String field) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : items(n, field)) {
            if (!item.isTextual()) {
                throw invalid(field, field + " must hold strings");
            }
            out.add(item.textValue());
        }
        return out;
    }
}
