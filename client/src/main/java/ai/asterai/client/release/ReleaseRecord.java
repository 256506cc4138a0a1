package ai.asterai.client.release;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the registry recorded about one release, as the client keeps and checks it: the parts' digests
 * and sizes, the signature, when it was published and whether it is yanked, and what its WIT exports
 * and imports. The registry client builds it from the registry's answer; the cache stores it (in the
 * same JSON shape, so caches written before keep reading) and fetch verifies against it. Fields are
 * kept as the registry sent them: fetch's verifier is what decides whether they are well-formed, and
 * says which release lied.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReleaseRecord(String name, String version, String kind, Parts parts, JsonNode manifest,
                            Signature signature, String publishedAt, boolean yanked, String yankedAt, long downloads,
                            String witPackage, List<String> exports, List<String> imports) {
    public ReleaseRecord {
        exports = exports == null ? List.of() : List.copyOf(exports);
        imports = imports == null ? List.of() : List.copyOf(imports);
    }

    /** Digest and size of each part; {@code wasm} is absent for an interface package. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parts(Blob wasm, Blob wit, Blob manifest) {
    }

    public record Blob(String digest, long size) {
    }

    /** The key id and base64 Ed25519 signature over the release envelope. */
    public record Signature(String keyId, String signature) {
    }

    /** When it was published, if the registry said so in a form that parses. */
    public Optional<Instant> published() {
        return Timestamps.parse(publishedAt);
    }
}
