package ai.asterai.protocol.release;

import ai.asterai.protocol.InvalidInputException;
import ai.asterai.protocol.Text;
import ai.asterai.protocol.name.PackageName;
import ai.asterai.protocol.name.Version;
import ai.asterai.protocol.json.StrictJson;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The signed description of one release: the {@code manifest} part of a publish. Its bytes are
 * signed as they are (through their digest), so the server stores and serves them unchanged. They must
 * be strict UTF-8 JSON without a byte order mark, one object with no field twice and nothing after it,
 * every field of its type (see {@link StrictJson}); everyone parses them here.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String name, String version, String kind, String description, List<String> keywords,
                       String license, String world, Permissions permissions) {
    public static final int MAX_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = StrictJson.mapper()
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
    /** How manifests were read before reading was strict; only for rows a registry stored back then. */
    private static final ObjectMapper LEGACY = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    public Manifest {
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        permissions = permissions == null ? Permissions.NONE : permissions;
    }

    public PackageName packageName() {
        return PackageName.parse(name);
    }

    public Version parsedVersion() {
        return Version.parse(version);
    }

    public PackageKind packageKind() {
        return PackageKind.parse(kind);
    }

    /** Parses and validates every field; the message names the field that is wrong. */
    public static Manifest parse(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new InvalidInputException("manifest", "manifest is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new InvalidInputException("manifest", "manifest is larger than " + MAX_BYTES + " bytes");
        }
        // strict UTF-8 text, parsed as text: Jackson would otherwise guess UTF-16/32 from the bytes and skip a BOM
        String text = StrictJson.utf8(bytes, "manifest");
        Manifest m;
        try {
            m = JSON.readValue(text, Manifest.class);
        } catch (UnrecognizedPropertyException e) {
            throw new InvalidInputException("manifest", "manifest has an unknown field '" + e.getPropertyName() + "'");
        } catch (JsonParseException e) {
            String why = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "manifest has a field twice: " + e.getOriginalMessage()
                    : "manifest is not valid JSON";
            throw new InvalidInputException("manifest", why);
        } catch (MismatchedInputException e) {
            String path = path(e);
            if (path.isEmpty()) {
                throw new InvalidInputException("manifest", e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token")
                        ? "manifest has content after its JSON object" : "manifest must be a JSON object of the manifest format");
            }
            throw new InvalidInputException("manifest." + path, "manifest field '" + path + "' has a value of the wrong type");
        } catch (Exception e) {
            throw new InvalidInputException("manifest", "manifest is not valid JSON of the manifest format");
        }
        if (m == null) {
            throw new InvalidInputException("manifest", "manifest is empty");
        }
        m.validate();
        return m;
    }

    /** The field names leading to a binding failure, without list indexes: {@code permissions.memory}. */
    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.isEmpty() ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }

    /**
     * A manifest as a registry stored it in its database: the canonical JSON of {@link #canonicalJson()},
     * or, for rows stored before reading was strict, the uploaded text, which may start with a byte order
     * mark or be UTF-16/UTF-32 bytes read as UTF-8. Those are read as they were accepted then.
     */
    public static Manifest parseStored(String json) {
        try {
            return parse(json.getBytes(StandardCharsets.UTF_8));
        } catch (InvalidInputException strict) {
            Manifest m;
            try {
                m = LEGACY.readValue(json.getBytes(StandardCharsets.UTF_8), Manifest.class);
            } catch (Exception e) {
                throw strict;
            }
            if (m == null) {
                throw strict;
            }
            m.validate();
            return m;
        }
    }

    /**
     * Compact JSON of the parsed manifest: what the registry stores and embeds in version metadata
     * (always valid JSON). The signed bytes are the uploaded ones, stored and served unchanged as a blob.
     */
    public String canonicalJson() {
        try {
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest serialisation failed", e);
        }
    }

    public void validate() {
        packageName();
        parsedVersion();
        PackageKind k = packageKind();
        if (description != null && description.length() > 2000) {
            throw new InvalidInputException("manifest.description", "description is longer than 2000 characters");
        }
        Text.requireLines("manifest.description", description);
        if (keywords.size() > 20) {
            throw new InvalidInputException("manifest.keywords", "at most 20 keywords");
        }
        for (String kw : keywords) {
            if (kw == null || !kw.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw new InvalidInputException("manifest.keywords", "keywords are 1-40 characters a-z, 0-9 and '-'");
            }
        }
        if (license != null && (license.length() > 100 || !license.matches("[A-Za-z0-9.+\\- ()]+"))) {
            throw new InvalidInputException("manifest.license", "license must be an SPDX expression");
        }
        if (k == PackageKind.COMPONENT && (world == null || world.isBlank())) {
            throw new InvalidInputException("manifest.world", "a component manifest names the WIT world it implements");
        }
        if (world != null && (world.length() > 256 || !world.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*(/[a-z][a-z0-9-]*)?(@[0-9A-Za-z.+-]+)?"))) {
            throw new InvalidInputException("manifest.world", "world must look like ns:pkg/world[@version]");
        }
        permissions.validate();
    }

    /** Canonical JSON for a new manifest (sorted keys, no nulls); what the client signs and uploads. */
    public byte[] toJson() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(this).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("manifest serialisation failed", e);
        }
    }
}
