package ai.asterai.client.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The registry's JSON answers (docs/api.md), read leniently; timestamps stay ISO-8601 text. */
public final class Models {
    private Models() {
    }

    /** {@code GET /v1/tokens/self}. */
    public record TokenInfo(Long id, String description, List<String> namespaces, List<String> scopes,
                            String createdAt, String expiresAt, boolean admin) {
    }

    /** One entry of {@code GET /v1/namespaces/{ns}/keys}. */
    public record KeyRecord(String keyId, String publicKey, String label, String signerKeyId, String signature,
                            String createdAt, String revokedAt, boolean active) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AddKeyRequest(String publicKey, String label, String signerKeyId, String signature) {
    }

    /** {@code GET /v1/namespaces/{ns}}. */
    public record NamespaceInfo(String name, String createdAt, List<KeyRecord> keys, List<PackageSummary> packages) {
    }

    public record PackageSummary(String name, String kind, String description, String updatedAt) {
    }

    /** {@code GET /v1/packages/{ns}/{name}}: versions newest first. */
    public record PackageInfo(String name, String kind, String description, String latest, List<VersionEntry> versions,
                              String createdAt, String updatedAt) {
        public PackageInfo {
            versions = versions == null ? List.of() : List.copyOf(versions);
        }
    }

    public record VersionEntry(String version, boolean yanked, String publishedAt) {
    }

    /** {@code GET /v1/packages/{ns}/{name}/versions/{version}}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** {@code exports}/{@code imports}: what the registry's WIT resolver found (interface ids, {@code func:name}). */
    /** A release's transparency-log receipt: its entry's index, the signed checkpoint and the inclusion proof (docs/api.md). */
    public record Transparency(long index, String checkpoint, List<String> inclusion) {
        public Transparency {
            inclusion = inclusion == null ? List.of() : List.copyOf(inclusion);
        }
    }

    public record VersionInfo(String name, String version, String kind, Parts parts, JsonNode manifest,
                              SignatureInfo signature, String publishedAt, boolean yanked, String yankedAt, long downloads,
                              String witPackage, List<String> exports, List<String> imports, Transparency transparency) {
        public VersionInfo {
            exports = exports == null ? List.of() : List.copyOf(exports);
            imports = imports == null ? List.of() : List.copyOf(imports);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Parts(Blob wasm, Blob wit, Blob manifest) {
    }

    public record Blob(String digest, long size) {
    }

    public record SignatureInfo(String keyId, String signature) {
    }

    /** {@code GET /v1/search}: one page of results and the URL of the next, if any. */
    public record SearchPage(List<SearchHit> results, String next) {
        public SearchPage {
            results = results == null ? List.of() : List.copyOf(results);
        }
    }

    public record SearchHit(String name, String version, String description, long downloads, List<String> exports,
                            String keyId, String updatedAt) {
        public SearchHit {
            exports = exports == null ? List.of() : List.copyOf(exports);
        }
    }
}
